import { sql } from "drizzle-orm";
import { getHandle } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  const handle = getHandle();
  const started = performance.now();
  try {
    await handle.db.execute(sql`select 1`);
    return Response.json({
      status: "ok",
      database: {
        kind: handle.kind,
        status: "up",
        latencyMs: Math.round(performance.now() - started),
      },
    });
  } catch {
    return Response.json(
      { status: "error", database: { kind: handle.kind, status: "down" } },
      { status: 503 },
    );
  }
}
