"use server";

import { ok, orgAction } from "@/lib/actions/safe-action";
import { recordExport } from "@/lib/audit/export-request";
import { parseAuditParams } from "@/lib/audit/filters";
import { nudgeOutbox } from "@/lib/outbox/schedule";
import { exportAuditLogsSchema } from "./schema";

export const exportAuditLogs = orgAction(
  { schema: exportAuditLogsSchema, role: "admin" },
  async (input, ctx) => {
    const req = parseAuditParams(new URLSearchParams(input.query));
    // Queued with the audit event; a large log takes a while to read and mail, so the outbox
    // worker sends it and the answer does not wait.
    await recordExport(ctx, req, "csv", "email");
    nudgeOutbox();
    return ok(`We're preparing your export — it will be emailed to ${ctx.user.email}`);
  },
);
