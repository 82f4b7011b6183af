"use client";

import { Download, Mail } from "lucide-react";
import { PageOrgField } from "@/components/forms/page-org";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import { exportAuditLogs } from "./actions";

export function ExportButtons({ query }: { query: string }) {
  const [pending, run] = useRunAction();
  return (
    <div className="flex flex-wrap gap-2">
      {/* A POST (the download writes an audit event); the attachment downloads and the page stays. */}
      <form method="post" action="/api/audit-logs/export" className="contents">
        <PageOrgField />
        <input type="hidden" name="query" value={query} readOnly />
        <Button type="submit" name="format" value="csv" variant="outline">
          <Download className="size-4" aria-hidden />
          Download CSV
        </Button>
        <Button type="submit" name="format" value="jsonl" variant="outline">
          <Download className="size-4" aria-hidden />
          Download JSON lines
        </Button>
      </form>
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
