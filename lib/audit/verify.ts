import "server-only";
import { listChainBatch } from "@/db/queries/audit-chain";
import type { Executor } from "@/db/client";
import { chainHash, GENESIS_HASH } from "./chain";

export type ChainReport =
  | { intact: true; count: number }
  | {
      intact: false;
      count: number;
      /** Position where the chain first stops verifying. */
      seq: number;
      eventId: number | null;
      problem: "missing" | "prev_hash" | "hash";
      expected: string;
      found: string;
    };

/**
 * Walks one organization's chain in order, in batches, and stops at the first link that does not
 * verify: a gap in the positions (a deleted event), a prev_hash that is not the previous event's
 * hash (reordering or deletion), or a hash that does not match the event's content (an edit).
 */
export async function verifyChain(
  orgId: string,
  opts: { batchSize?: number; db?: Executor } = {},
): Promise<ChainReport> {
  const batchSize = opts.batchSize ?? 5000;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const batch = await listChainBatch(orgId, expectedSeq - 1, batchSize, opts.db);
    for (const row of batch) {
      const count = expectedSeq - 1;
      if (row.seq !== expectedSeq) {
        return {
          intact: false,
          count,
          seq: expectedSeq,
          eventId: row.id,
          problem: "missing",
          expected: `seq ${expectedSeq}`,
          found: `seq ${row.seq}`,
        };
      }
      if (row.prevHash !== prevHash) {
        return {
          intact: false,
          count,
          seq: row.seq,
          eventId: row.id,
          problem: "prev_hash",
          expected: prevHash,
          found: row.prevHash,
        };
      }
      const { id: _id, prevHash: storedPrev, hash: storedHash, ...fields } = row;
      void _id;
      const recomputed = chainHash(storedPrev, fields);
      if (recomputed !== storedHash) {
        return {
          intact: false,
          count,
          seq: row.seq,
          eventId: row.id,
          problem: "hash",
          expected: recomputed,
          found: storedHash,
        };
      }
      prevHash = storedHash;
      expectedSeq += 1;
    }
    if (batch.length < batchSize) return { intact: true, count: expectedSeq - 1 };
  }
}
