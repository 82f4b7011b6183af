import { differenceInCalendarDays } from "date-fns";
import { z } from "zod";

export const DAY_MS = 24 * 3600_000;

/** What the Expiration field offers, at creation and in Edit. */
export const expiryOptions = [
  { id: "never", label: "Never", days: null },
  { id: "7d", label: "7 days", days: 7 },
  { id: "30d", label: "30 days", days: 30 },
  { id: "60d", label: "60 days", days: 60 },
  { id: "90d", label: "90 days", days: 90 },
  { id: "date", label: "Custom date", days: null },
] as const;

export type ExpiryPreset = (typeof expiryOptions)[number]["id"];
/** "keep" (Edit only): leave the current expiry as it is. */
export type ExpiryChoice = ExpiryPreset | "keep";
const presetIds = expiryOptions.map((o) => o.id) as [ExpiryPreset, ...ExpiryPreset[]];

/** The furthest a custom date may be. */
export const MAX_EXPIRY_DAYS = 5 * 365;

/**
 * The expiry fields of a create or edit form: `expiry` (a preset, "date" or, in Edit, "keep") and
 * `expiresAt` (an ISO instant, with "date": the end of the chosen day in the browser's time zone).
 */
export function expiryFields(mode: "create" | "edit") {
  const choices = mode === "edit" ? ([...presetIds, "keep"] as const) : presetIds;
  return {
    expiry: z
      .enum(choices as [ExpiryChoice, ...ExpiryChoice[]], { error: "Choose when it expires." })
      .default(mode === "edit" ? "keep" : "never"),
    expiresAt: z
      .union([z.iso.datetime({ offset: true, error: "Choose a valid date." }), z.literal("")])
      .optional()
      .transform((v) => v || undefined),
  };
}

/** Days left, rounded up: a key made with "30 days" reads "Expires in 30 days". */
export function daysLeft(expiresAt: Date | string, nowMs: number): number {
  return Math.ceil((new Date(expiresAt).getTime() - nowMs) / DAY_MS);
}

/**
 * "Expires in N days" (calendar days in the viewer's time zone, so a key made with "30 days" and a
 * date picked 10 days ahead read 30 and 10), "Expires today", or "Expired"; null for never.
 */
export function expiresInLabel(expiresAt: string | null, nowMs: number): string | null {
  if (!expiresAt) return null;
  if (isExpired(expiresAt, nowMs)) return "Expired";
  const days = differenceInCalendarDays(new Date(expiresAt), new Date(nowMs));
  if (days <= 0) return "Expires today";
  return `Expires in ${days} ${days === 1 ? "day" : "days"}`;
}

export const isExpired = (expiresAt: string | Date | null, nowMs: number) =>
  !!expiresAt && new Date(expiresAt).getTime() <= nowMs;

/** The end of a chosen calendar day (`YYYY-MM-DD`) in the viewer's time zone, as an ISO instant. */
export function endOfLocalDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
