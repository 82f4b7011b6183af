import "server-only";
import { touchApiKey } from "@/db/queries/keys";
import { log } from "@/lib/log";

const WINDOW_MS = 60_000;
// Only decides when to skip a write; verification never reads it, so it cannot keep a key alive.
const lastWrite = new Map<string, number>();

/** Records a key's last use at most once a minute per key and process, without awaiting it. */
export function noteKeyUsed(keyId: string, meta: { ip: string | null; userAgent: string | null }) {
  const now = Date.now();
  if (now - (lastWrite.get(keyId) ?? 0) < WINDOW_MS) return;
  lastWrite.set(keyId, now);
  if (lastWrite.size > 10_000) lastWrite.clear();
  touchApiKey(keyId, meta).catch((error) => {
    lastWrite.delete(keyId);
    log.error({ err: error }, "could not record the last use of an API key");
  });
}
