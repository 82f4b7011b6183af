import "server-only";
import { configuredOrigin } from "@/lib/http/public-origin";
import { DAY_MS, daysLeft } from "./options";

/** Reminders go out 7 days and 1 day before an expiry; each once (its dedupe key). */
const reminderStages = [
  { id: "1d", withinMs: DAY_MS },
  { id: "7d", withinMs: 7 * DAY_MS },
] as const;
export type ReminderStage = (typeof reminderStages)[number]["id"];

/** The tightest stage an expiry is in, or null when it is further than 7 days away. */
export function stageOf(expiresAt: Date, nowMs: number): ReminderStage | null {
  const left = expiresAt.getTime() - nowMs;
  return reminderStages.find((s) => left > 0 && left <= s.withinMs)?.id ?? null;
}

/**
 * One reminder per credential, stage, expiry and recipient: if the expiry is changed, the new date
 * gets its own reminders; a second sweep (on any instance) finds the key used and sends nothing.
 */
export function reminderDedupeKey(
  credential: "api_key" | "oauth_client",
  id: string,
  stage: ReminderStage,
  expiresAt: Date,
  userId: string,
) {
  return `expiry-reminder:${credential}:${id}:${stage}:${expiresAt.getTime()}:${userId}`;
}

const inDays = (expiresAt: Date, nowMs: number) => {
  const days = Math.max(1, daysLeft(expiresAt, nowMs));
  return `in ${days} ${days === 1 ? "day" : "days"}`;
};

/** Where people manage the credential: a link when APP_URL (or AUTH_URL) says where the app is. */
function place(path: string, words: string) {
  const origin = configuredOrigin();
  return origin ? `${words} (${origin}${path})` : words;
}

export function keyReminderMessage(input: {
  to: string;
  userName: string;
  keyName: string;
  orgName: string;
  expiresAt: Date;
  nowMs: number;
}) {
  const when = inDays(input.expiresAt, input.nowMs);
  return {
    to: input.to,
    subject: `Your API key ${input.keyName} expires ${when}`,
    text:
      `Hello ${input.userName},\n\nThe API key ${input.keyName} you created in ${input.orgName} ` +
      `expires ${when}, on ${input.expiresAt.toUTCString()}. From then on, requests made with ` +
      `it are refused.\n\nTo keep your integration working, generate a new key in ` +
      `${place("/settings/integrations", "Settings › Integrations")} and switch to it before ` +
      `then.\n`,
  };
}

export function clientReminderMessage(input: {
  to: string;
  userName: string;
  clientName: string;
  orgName: string;
  expiresAt: Date;
  nowMs: number;
}) {
  const when = inDays(input.expiresAt, input.nowMs);
  return {
    to: input.to,
    subject: `OAuth client ${input.clientName} expires ${when}`,
    text:
      `Hello ${input.userName},\n\nThe OAuth client ${input.clientName} of ${input.orgName} ` +
      `expires ${when}, on ${input.expiresAt.toUTCString()}. From then on it cannot obtain ` +
      `access tokens, and the tokens it holds stop working.\n\nTo keep its integration working, ` +
      `add a new client in ${place("/admin/api-management", "ADMIN › API Management")} and ` +
      `switch to it before then.\n`,
  };
}
