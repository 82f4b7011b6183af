"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const settingsTabs = [
  { href: "/settings/general", label: "General" },
  { href: "/settings/integrations", label: "Integrations" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/teams", label: "Teams" },
] as const;

const auditLogsTab = { href: "/settings/audit-logs", label: "Audit logs" } as const;

export function SettingsTabs({ showAuditLogs = false }: { showAuditLogs?: boolean }) {
  const pathname = usePathname();
  const tabs = showAuditLogs ? [...settingsTabs, auditLogsTab] : settingsTabs;
  return (
    <nav aria-label="Settings" className="flex gap-1 overflow-x-auto border-b">
      {tabs.map((tab) => {
        const active = pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "text-muted-foreground hover:text-foreground -mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap",
              active && "border-primary text-foreground",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
