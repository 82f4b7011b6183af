"use client";

import { Download, Mail } from "lucide-react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import { exportAuditLogs } from "./actions";

export function ExportButtons({ query }: { query: string }) {
  const [pending, run] = useRunAction();
  const suffix = query ? `&${query}` : "";
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" asChild>
        <a href={`/api/audit-logs/export?format=csv${suffix}`} download>
          <Download className="size-4" aria-hidden />
          Download CSV
        </a>
      </Button>
      <Button variant="outline" asChild>
        <a href={`/api/audit-logs/export?format=jsonl${suffix}`} download>
          <Download className="size-4" aria-hidden />
          Download JSON lines
        </a>
      </Button>
      <Button
        onClick={() => run(exportAuditLogs, { query })}
        disabled={pending}
        aria-disabled={pending}
      >
        <Mail className="size-4" aria-hidden />
        {pending ? "Exporting…" : "Export audit logs"}
      </Button>
    </div>
  );
}
