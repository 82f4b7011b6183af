import { z } from "zod";
import { MAX_ALLOWLIST_ENTRIES, parseAllowlist, splitAllowlist } from "./ip-allowlist";

export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

function listOfNames(entries: string[]): string {
  const shown = entries.slice(0, 3).map((e) => (e.length > 60 ? `${e.slice(0, 60)}…` : e));
  const more = entries.length > 3 ? ` and ${entries.length - 3} more` : "";
  if (shown.length === 1) return `${shown[0]}${more}`;
  return `${shown.slice(0, -1).join(", ")}${more ? `, ${shown.at(-1)}${more}` : ` and ${shown.at(-1)}`}`;
}

/**
 * The IP allowlist as a form sends it (one text, entries separated by new lines, commas or spaces)
 * or as a list; normalised, or refused with every bad entry named. Omitted: unchanged (undefined).
 */
export const ipAllowlistInput = z
  .union([z.string().max(10_000, "The allowlist is too long."), z.array(z.string().max(200))])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    const entries = Array.isArray(value) ? value.flatMap(splitAllowlist) : splitAllowlist(value);
    if (entries.length > MAX_ALLOWLIST_ENTRIES) {
      ctx.addIssue({
        code: "custom",
        message: `List at most ${MAX_ALLOWLIST_ENTRIES} addresses or ranges.`,
      });
      return z.NEVER;
    }
    const parsed = parseAllowlist(entries);
    if (!parsed.ok) {
      const verb = parsed.invalid.length === 1 ? "is not a valid" : "are not valid";
      const noun = parsed.invalid.length === 1 ? "IP address or range" : "IP addresses or ranges";
      ctx.addIssue({
        code: "custom",
        message: `${listOfNames(parsed.invalid)} ${verb} ${noun}. Use addresses such as 203.0.113.7 or 2001:db8::1, or CIDR ranges such as 203.0.113.0/24.`,
      });
      return z.NEVER;
    }
    return parsed.entries;
  });

const RATE_LIMIT_MESSAGE = `Enter a whole number of requests per minute from 1 to ${MAX_RATE_LIMIT_PER_MINUTE.toLocaleString("en-US")}, or leave it empty for no limit.`;

/**
 * Requests per minute: a positive whole number, or empty / null for no limit. Omitted: unchanged
 * (undefined).
 */
export const rateLimitInput = z
  .union([z.null(), z.number(), z.string().max(20)], { error: RATE_LIMIT_MESSAGE })
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (value === null || (typeof value === "string" && value.trim() === "")) return null;
    const n = typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_RATE_LIMIT_PER_MINUTE) {
      ctx.addIssue({ code: "custom", message: RATE_LIMIT_MESSAGE });
      return z.NEVER;
    }
    return n;
  });
