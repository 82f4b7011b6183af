import { z } from "zod";

/** A report is a JSON array; GitHub sends a few entries at a time, so this is plenty. */
export const MAX_REPORT_BYTES = 256 * 1024;
export const MAX_REPORT_ENTRIES = 500;

const optionalText = (max: number) => z.string().max(max).nullish();

/** One match of the secret scanning partner format: the token and where it was found. */
const leakEntry = z.object({
  token: z.string().min(1).max(4096),
  type: optionalText(200),
  url: optionalText(2048),
  source: optionalText(200),
});

export const leakReportSchema = z.array(leakEntry).max(MAX_REPORT_ENTRIES);

export type LeakEntry = z.output<typeof leakEntry>;

export type LeakLabel = "true_positive" | "false_positive";

/** The answer per entry, in GitHub's feedback format. */
export type LeakFeedback = { token_raw: string; token_type: string; label: LeakLabel };
