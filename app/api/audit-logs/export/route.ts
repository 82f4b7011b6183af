import { readBoundedBody } from "@/lib/http/bounded-body";
import { PAGE_ORG_FIELD } from "@/lib/actions/page-org";
import { requireMember } from "@/lib/auth/authorize";
import { exportChunks, exportFileName, type ExportFormat } from "@/lib/audit/export";
import { recordExport } from "@/lib/audit/export-request";
import { parseAuditParams } from "@/lib/audit/filters";
import { AppError, forbidden, invalid } from "@/lib/errors";
import { errorBody } from "@/lib/http/error-body";
import { isCrossSiteRequest } from "@/lib/http/cross-site";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const contentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
};

// The form carries the screen's query string (at most 8,000 characters) and two short fields.
const MAX_FORM_BYTES = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The shared error body; `message` repeats the description for callers of the earlier shape.
const jsonError = (status: number, error: string, message: string) =>
  Response.json(errorBody(error, message, { message }), {
    status,
    headers: { "Cache-Control": "no-store" },
  });

async function readForm(request: Request): Promise<URLSearchParams | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    return jsonError(415, "unsupported_media_type", "Send the export form as a form submission.");
  }
  const bytes = await readBoundedBody(request, MAX_FORM_BYTES);
  if (!bytes) return jsonError(413, "payload_too_large", "The export form is too large.");
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

/**
 * POST /api/audit-logs/export — a form with `format` (csv|jsonl), `query` (the screen's filters)
 * and the page's organization; owners and admins only. A POST, not a GET, because it writes an
 * audit event: a link or an image on another site must not be able to trigger it.
 */
export async function POST(request: Request) {
  try {
    if (isCrossSiteRequest(request)) {
      throw forbidden("This request came from another website and was refused.");
    }
    const form = await readForm(request);
    if (form instanceof Response) return form;
    const pageOrgId = form.get(PAGE_ORG_FIELD) ?? "";
    const ctx = await requireMember("admin", UUID.test(pageOrgId) ? pageOrgId : null);
    const format: ExportFormat = form.get("format") === "jsonl" ? "jsonl" : "csv";
    const query = form.get("query") ?? "";
    if (query.length > 8000) throw invalid("That filter is too long.");
    const req = parseAuditParams(new URLSearchParams(query));
    await recordExport(ctx, req, format, "download");
    const chunks = exportChunks(ctx.org.id, req, format);
    // Pull-based: the next batch is read from the database only when the client has taken the
    // previous one, so a slow download never piles rows up in memory.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": contentTypes[format],
        "Content-Disposition": `attachment; filename="${exportFileName(format)}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return jsonError(error.status, error.code, error.message);
    log.error({ err: error }, "audit log download failed");
    return jsonError(500, "error", "The export failed.");
  }
}
