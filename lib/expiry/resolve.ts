import { nowMs } from "@/lib/clock";
import { invalid } from "@/lib/errors";
import { DAY_MS, MAX_EXPIRY_DAYS, expiryOptions, type ExpiryChoice } from "./options";

/**
 * The expiry a form asks for, on the server's clock: a Date, null for never, or undefined for
 * "keep as it is". A custom date must lie in the future and within MAX_EXPIRY_DAYS.
 */
export function resolveExpiry(input: {
  expiry: ExpiryChoice;
  expiresAt?: string;
}): Date | null | undefined {
  if (input.expiry === "keep") return undefined;
  if (input.expiry === "never") return null;
  const now = nowMs();
  if (input.expiry !== "date") {
    const days = expiryOptions.find((o) => o.id === input.expiry)!.days!;
    return new Date(now + days * DAY_MS);
  }
  if (!input.expiresAt) {
    throw invalid("Choose an expiration date.", { expiresAt: ["Choose an expiration date."] });
  }
  const at = new Date(input.expiresAt);
  if (at.getTime() <= now) {
    throw invalid("Choose a date in the future.", { expiresAt: ["Choose a date in the future."] });
  }
  if (at.getTime() > now + MAX_EXPIRY_DAYS * DAY_MS) {
    const message = `Choose a date within ${MAX_EXPIRY_DAYS / 365} years.`;
    throw invalid(message, { expiresAt: [message] });
  }
  return at;
}

/** An expiry as audit metadata: the ISO instant, or null for never. */
export const expiryForAudit = (at: Date | null) => (at ? at.toISOString() : null);

export const sameExpiry = (a: Date | null, b: Date | null) =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);
