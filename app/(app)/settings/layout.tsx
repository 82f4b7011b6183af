import { SettingsTabs } from "./settings-tabs";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="mb-4 text-2xl font-semibold">Settings</h1>
      <SettingsTabs />
      <div className="pt-6">{children}</div>
    </div>
  );
}
