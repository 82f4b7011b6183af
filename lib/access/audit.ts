import "server-only";
import type { Executor } from "@/db/client";
import { recordAudit, type AuditContext } from "@/lib/audit/write";

export type AccessRuleValues = { ipAllowlist: string[]; rateLimitPerMinute: number | null };

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((entry, i) => entry === b[i]);

const describeLimit = (limit: number | null) =>
  limit === null ? "no limit" : `${limit} requests per minute`;

/**
 * Records the access-rule changes of an edit (IP allowlist, rate limit), each as its own update
 * event with before and after, in the caller's transaction. Fields left out of the edit
 * (undefined) are unchanged and record nothing.
 */
export async function recordAccessRuleChanges(
  tx: Executor,
  ctx: AuditContext,
  change: {
    kind: "api_key" | "oauth_client";
    target: { type: string; id: string; name: string };
    teamId?: string | null;
    before: AccessRuleValues;
    after: Partial<AccessRuleValues>;
  },
) {
  const { kind, target, teamId, before, after } = change;
  const noun = kind === "api_key" ? "API key" : "OAuth client";
  if (after.ipAllowlist !== undefined && !sameList(before.ipAllowlist, after.ipAllowlist)) {
    await recordAudit(tx, ctx, {
      event: `${kind}.ip_allowlist_changed`,
      target,
      teamId,
      changes: { ipAllowlist: { from: before.ipAllowlist, to: after.ipAllowlist } },
      description: after.ipAllowlist.length
        ? `Changed the IP allowlist of ${noun} ${target.name}`
        : `Removed the IP allowlist of ${noun} ${target.name}: any address may use it`,
    });
  }
  if (
    after.rateLimitPerMinute !== undefined &&
    before.rateLimitPerMinute !== after.rateLimitPerMinute
  ) {
    await recordAudit(tx, ctx, {
      event: `${kind}.rate_limit_changed`,
      target,
      teamId,
      changes: {
        rateLimitPerMinute: { from: before.rateLimitPerMinute, to: after.rateLimitPerMinute },
      },
      description: `Changed the rate limit of ${noun} ${target.name} from ${describeLimit(before.rateLimitPerMinute)} to ${describeLimit(after.rateLimitPerMinute)}`,
    });
  }
}
