import { z } from "zod";
import type { Db } from "@/db/client";
import { keyDigestExists } from "@/db/queries/key-digests";
import { findOldestOwner, insertApiKey } from "@/db/queries/keys";
import { findOrganizationBySlug } from "@/db/queries/organizations";
import { apiIds } from "@/lib/api-catalogue";
import { recordAudit } from "@/lib/audit/write";
import { LEGACY_KEY_PATTERN, digestSecret, looksLikeKey, parseKey } from "@/lib/secrets/prefixed";

const lineSchema = z.union([
  z.strictObject({
    org: z.string().min(1),
    name: z.string().trim().min(1).max(64),
    key: z
      .string()
      .regex(LEGACY_KEY_PATTERN, "key must be 16–256 printable ASCII characters")
      .refine(
        (k) => !looksLikeKey(k) || parseKey(k) !== null,
        "key looks like a malformed lk_ key",
      ),
  }),
  z.strictObject({
    org: z.string().min(1),
    name: z.string().trim().min(1).max(64),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "sha256 must be 64 hex digits")
      .transform((s) => s.toLowerCase()),
  }),
]);

export type ImportReport = { imported: number; skipped: number; errors: string[] };

/**
 * Imports keys of the earlier system from JSON lines. Each becomes an Active, Legacy key created by
 * the organization's oldest owner; a line whose digest is already known is skipped. Error messages
 * name the line, never its key.
 */
export async function importLegacyKeys(db: Db, text: string): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, skipped: 0, errors: [] };
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      report.errors.push(`${where}: not valid JSON`);
      continue;
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "line"}: ${i.message}`);
      report.errors.push(`${where}: ${[...new Set(fields)].join("; ")}`);
      continue;
    }
    const line = parsed.data;
    const org = await findOrganizationBySlug(line.org, db);
    if (!org) {
      report.errors.push(`${where}: no organization with slug "${line.org}"`);
      continue;
    }
    const owner = await findOldestOwner(org.id, db);
    if (!owner) {
      report.errors.push(`${where}: organization "${line.org}" has no owner`);
      continue;
    }
    const digest = "key" in line ? digestSecret(line.key) : line.sha256;
    const last4 = "key" in line ? line.key.slice(-4) : "";
    const done = await db.transaction(async (tx) => {
      if (await keyDigestExists(digest, tx)) return false;
      const key = await insertApiKey(
        tx,
        {
          orgId: org.id,
          name: line.name,
          teamId: null,
          apis: [...apiIds],
          createdBy: owner,
          legacy: true,
        },
        { digest, prefix: "", last4 },
      );
      await recordAudit(
        tx,
        { orgId: org.id, actor: { type: "system", id: null, name: "keys:import" } },
        {
          event: "api_key.created",
          target: { type: "api_key", id: key.id, name: key.name },
          changes: { legacy: true, apis: key.apis },
          description: `Imported legacy API key ${key.name}`,
        },
      );
      return true;
    });
    if (done) report.imported++;
    else report.skipped++;
  }
  return report;
}
