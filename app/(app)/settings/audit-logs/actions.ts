"use server";

import { after } from "next/server";
import { ok, orgAction } from "@/lib/actions/safe-action";
import { deliverExportEmail, recordExport } from "@/lib/audit/export-request";
import { parseAuditParams } from "@/lib/audit/filters";
import { exportAuditLogsSchema } from "./schema";

export const exportAuditLogs = orgAction(
  { schema: exportAuditLogsSchema, role: "admin" },
  async (input, ctx) => {
    const req = parseAuditParams(new URLSearchParams(input.query));
    await recordExport(ctx, req, "csv", "email");
    // A large log takes a while to read and mail: the answer does not wait for it.
    after(() => deliverExportEmail(ctx, req));
    return ok(`We're preparing your export — it will be emailed to ${ctx.user.email}`);
  },
);
