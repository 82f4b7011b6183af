"use client";

import { Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function AppSidebar() {
  const pathname = usePathname();
  const active = pathname.startsWith("/settings");
  return (
    <nav aria-label="Main" className="bg-muted/30 w-16 shrink-0 border-r p-2 md:w-48">
      <Link
        href="/settings/integrations"
        aria-current={active ? "page" : undefined}
        className={cn(
          "hover:bg-accent flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium",
          active && "bg-accent",
        )}
      >
        <Settings className="size-4 shrink-0" aria-hidden />
        <span className="sr-only md:not-sr-only">Settings</span>
      </Link>
    </nav>
  );
}
