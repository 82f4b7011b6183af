import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";

type EventInput = Partial<typeof auditEvents.$inferInsert> & { orgId: string };

let seq = 0;

/**
 * Inserts an event directly with a chosen time and fields, for filter and export tests where the
 * hash chain is not under test (the chain has tests of its own through recordAudit).
 */
export async function insertEvent(e: EventInput) {
  seq += 1;
  const [row] = await getDb()
    .insert(auditEvents)
    .values({
      seq,
      event: "team.created",
      action: "create",
      actorType: "user",
      actorId: null,
      targetType: "team",
      targetId: randomBytes(4).toString("hex"),
      targetName: "A team",
      description: "Created a team",
      prevHash: "0".repeat(64),
      hash: randomBytes(32).toString("hex"),
      ...e,
    })
    .returning();
  return row!;
}
