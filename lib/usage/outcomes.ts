/**
 * What became of a request made with a credential: it got through, or why it was refused. One
 * list for the counter, the table and the chart; refusals are shown in this order.
 */
export const usageOutcomes = [
  "succeeded",
  "invalid",
  "expired",
  "revoked",
  "insufficient_scope",
  "rate_limited",
  "ip_not_allowed",
  "plan_required",
] as const;

export type UsageOutcome = (typeof usageOutcomes)[number];
export type RefusalReason = Exclude<UsageOutcome, "succeeded">;

export const refusalReasons = usageOutcomes.filter((o): o is RefusalReason => o !== "succeeded");

export const usageOutcomeLabels: Record<UsageOutcome, string> = {
  succeeded: "Succeeded",
  invalid: "Refused: invalid credential",
  expired: "Refused: expired",
  revoked: "Refused: revoked",
  insufficient_scope: "Refused: insufficient scope",
  rate_limited: "Refused: rate limited",
  ip_not_allowed: "Refused: IP not allowed",
  plan_required: "Refused: plan required",
};

export function isUsageOutcome(value: string): value is UsageOutcome {
  return (usageOutcomes as readonly string[]).includes(value);
}
