import { requireMember } from "@/lib/auth/authorize";
import { exportChunks, exportFileName, type ExportFormat } from "@/lib/audit/export";
import { recordExport } from "@/lib/audit/export-request";
import { parseAuditParams } from "@/lib/audit/filters";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const contentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
};

/** GET /api/audit-logs/export?<screen filters>&format=csv|jsonl — owners and admins only. */
export async function GET(request: Request) {
  try {
    const ctx = await requireMember("admin");
    const params = new URL(request.url).searchParams;
    const format: ExportFormat = params.get("format") === "jsonl" ? "jsonl" : "csv";
    const req = parseAuditParams(params);
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
    if (error instanceof AppError) {
      return Response.json(
        { error: error.code, message: error.message },
        { status: error.status, headers: { "Cache-Control": "no-store" } },
      );
    }
    console.error("[audit-export]", error);
    return Response.json({ error: "error", message: "The export failed." }, { status: 500 });
  }
}
