import { redirect } from "next/navigation";
import { AppSidebar } from "@/app/(app)/_shell/app-sidebar";
import { TopBar } from "@/app/(app)/_shell/top-bar";
import { PageOrgProvider } from "@/components/forms/page-org";
import { listUserOrganizations } from "@/db/queries/memberships";
import { countUsers } from "@/db/queries/users";
import { pageContext } from "@/lib/auth/page-context";
import { isAdmin } from "@/lib/roles";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  if ((await countUsers()) === 0) redirect("/setup");
  const ctx = await pageContext();
  const organizations = await listUserOrganizations(ctx.user.id);
  return (
    <PageOrgProvider orgId={ctx.org.id}>
      <div className="flex min-h-screen flex-col">
        <TopBar
          user={ctx.user}
          currentOrg={{ id: ctx.org.id, name: ctx.org.name }}
          organizations={organizations}
          showAdmin={isAdmin(ctx.role)}
        />
        <div className="flex flex-1">
          <AppSidebar />
          <main id="main" className="min-w-0 flex-1 p-6 lg:p-8">
            {children}
          </main>
        </div>
      </div>
    </PageOrgProvider>
  );
}
