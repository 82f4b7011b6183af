import { pageContext } from "@/lib/auth/page-context";
import { isAdmin } from "@/lib/roles";
import { SettingsTabs } from "./settings-tabs";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  // Only decides which tabs to show; each page checks the role itself.
  const ctx = await pageContext();
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="mb-4 text-2xl font-semibold">Settings</h1>
      <SettingsTabs showAuditLogs={isAdmin(ctx.role)} />
      <div className="pt-6">{children}</div>
    </div>
  );
}
