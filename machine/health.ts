import { getHandle } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";

const headers = { "Cache-Control": "no-store" };

/** GET /api/health: the process answers and its database does (one `select 1`). */
export async function health(): Promise<Response> {
  const handle = getHandle();
  const started = performance.now();
  try {
    await pingDatabase(handle.db);
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
      { status: 503, headers },
    );
  }
}
