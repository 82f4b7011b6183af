import { KeyRound, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

type Props = {
  user: { name: string; email: string };
  currentOrg: { id: string; name: string };
  organizations: { id: string; name: string; role: string }[];
  showAdmin: boolean;
};

export function TopBar({ user, currentOrg, organizations, showAdmin }: Props) {
  return (
    <header className="bg-background sticky top-0 z-40 flex h-14 items-center gap-3 border-b px-4">
      <a href="#main" className="sr-only focus:not-sr-only">
        Skip to content
      </a>
      <Link href="/" className="flex items-center gap-2 font-semibold">
        <KeyRound className="size-5" aria-hidden />
        Latchkey
      </Link>
      <span className="text-muted-foreground" aria-hidden>
        /
      </span>
      <OrgSwitcher current={currentOrg} organizations={organizations} />
      <div className="ml-auto flex items-center gap-2">
        {showAdmin && (
          <Button asChild variant="outline" size="sm">
            <Link href="/admin">
              <ShieldCheck className="size-4" aria-hidden />
              ADMIN
            </Link>
          </Button>
        )}
        <UserMenu user={user} />
      </div>
    </header>
  );
}
