import { json } from "@/lib/api/responses";

/** Unauthenticated liveness of the public API (and the benchmark's baseline). */
export function GET() {
  return json({ ok: true });
}
