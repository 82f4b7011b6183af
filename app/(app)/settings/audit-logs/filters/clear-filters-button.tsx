"use client";

import { X } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

/** Back to the unfiltered log (the empty state offers it when filters hide every event). */
export function ClearFiltersButton() {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <Button variant="outline" onClick={() => router.push(pathname)}>
      <X className="size-4" aria-hidden />
      Clear filters
    </Button>
  );
}
