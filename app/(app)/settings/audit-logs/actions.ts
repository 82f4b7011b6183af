"use server";

import { ok, orgAction } from "@/lib/actions/safe-action";
import { emailExport } from "@/lib/audit/export-request";
import { parseAuditParams } from "@/lib/audit/filters";
import { exportAuditLogsSchema } from "./schema";

export const exportAuditLogs = orgAction(
  { schema: exportAuditLogsSchema, role: "admin" },
  async (input, ctx) => {
    const req = parseAuditParams(new URLSearchParams(input.query));
    await emailExport(ctx, req);
    return ok(`The audit log report is on its way to ${ctx.user.email}`);
  },
);
