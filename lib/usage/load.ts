import "server-only";
import { findUsageSince } from "@/db/queries/usage";
import { utcDay } from "./record";
import { periodStart, usageSeries, USAGE_DAYS, type UsageSeries } from "./series";

/**
 * A credential's requests per day over the last 30 days (UTC), today included. Counts reach the
 * database with each instance's next flush, so the newest few seconds may be missing.
 */
export async function loadUsage(
  orgId: string,
  credentialId: string,
  now = Date.now(),
): Promise<UsageSeries> {
  const today = utcDay(now);
  const rows = await findUsageSince(orgId, credentialId, periodStart(today, USAGE_DAYS));
  return usageSeries(rows, today, USAGE_DAYS);
}
