import { getHandle } from "@/db/client";
import { withinDatabaseDeadline } from "@/db/deadline";
import { pingDatabase } from "@/db/queries/health";
import { RETRY_AFTER_SECONDS } from "@/lib/api/responses";

const headers = { "Cache-Control": "no-store" };

/**
 * GET /api/health: the process answers and its database does (one `select 1`, within
 * DATABASE_TIMEOUT_MS: a silent database is down, not a health check that hangs).
 */
export async function health(): Promise<Response> {
  const handle = getHandle();
  const started = performance.now();
  try {
    await withinDatabaseDeadline(() => pingDatabase(handle.db));
    return Response.json(
      {
        status: "ok",
        database: {
          kind: handle.kind,
          status: "up",
          latencyMs: Math.round(performance.now() - started),
        },
      },
      { headers },
    );
  } catch {
    return Response.json(
      { status: "error", database: { kind: handle.kind, status: "down" } },
      { status: 503, headers: { ...headers, "Retry-After": String(RETRY_AFTER_SECONDS) } },
    );
  }
}
