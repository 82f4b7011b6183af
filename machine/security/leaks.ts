import { isDatabaseUnavailable } from "@/db/unavailable";
import { apiError, json, serverError, serviceUnavailable } from "@/lib/api/responses";
import { readBoundedBody } from "@/lib/http/bounded-body";
import { clientIp } from "@/lib/http/client-ip";
import { log } from "@/lib/log";
import { LeakKeysConfigError } from "@/lib/leaks/public-keys";
import {
  MAX_REPORT_BYTES,
  leakReportSchema,
  type LeakFeedback,
  type LeakLabel,
} from "@/lib/leaks/report";
import { actOnLeakedToken, type LeakContext } from "@/lib/leaks/revoke";
import { isValidReportSignature, signatureHeaders } from "@/lib/leaks/signature";
import { nudgeOutbox } from "@/lib/outbox/schedule";

function unauthorized() {
  return apiError(
    401,
    "invalid_signature",
    "The report must be signed: Leak-Report-Key-Identifier and Leak-Report-Signature " +
      "(ECDSA P-256, SHA-256, over the raw body) with a configured public key.",
  );
}

function badRequest(description: string) {
  return apiError(400, "invalid_request", description);
}

/**
 * POST /api/security/leaks: a signed secret scanning report (a JSON array of { token, type, url,
 * source }). The signature is checked over the raw bytes before anything in them is read; then
 * each live credential is revoked and its owners notified, and the answer labels every entry.
 * Reports are idempotent: a token already revoked is a false positive and changes nothing.
 */
export async function leakReportEndpoint(request: Request): Promise<Response> {
  try {
    return await handleReport(request);
  } catch (error) {
    // Each credential is revoked in its own transaction: the reporter sends the report again.
    if (isDatabaseUnavailable(error)) return serviceUnavailable();
    log.error({ err: error }, "leak report failed");
    return serverError();
  }
}

async function handleReport(request: Request): Promise<Response> {
  const signed = signatureHeaders(request.headers);
  if (!signed) return unauthorized();
  const body = await readBoundedBody(request, MAX_REPORT_BYTES);
  if (!body) {
    return apiError(
      413,
      "payload_too_large",
      `The report must be at most ${MAX_REPORT_BYTES} bytes.`,
    );
  }
  try {
    if (!isValidReportSignature(body, signed)) return unauthorized();
  } catch (error) {
    if (!(error instanceof LeakKeysConfigError)) throw error;
    log.error(`leak report refused: the configured public keys are unusable: ${error.message}`);
    return unauthorized();
  }

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return badRequest("The body must be a JSON array of { token, type, url, source }.");
  }
  const report = leakReportSchema.safeParse(value);
  if (!report.success) {
    const issue = report.error.issues[0];
    const at = issue?.path.length ? ` (at ${issue.path.join(".")})` : "";
    return badRequest(`The report is not a valid leak report${at}: ${issue?.message ?? ""}`);
  }

  const ctx: LeakContext = {
    actor: { type: "system", id: null, name: `leak report (key ${signed.keyId.slice(0, 64)})` },
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
  };
  // A token may appear several times in one report (several files): acted on once.
  const labels = new Map<string, LeakLabel>();
  const feedback: LeakFeedback[] = [];
  for (const entry of report.data) {
    let label = labels.get(entry.token);
    if (!label) {
      label = await actOnLeakedToken(
        entry.token,
        { url: entry.url ?? null, source: entry.source ?? null, type: entry.type ?? null },
        ctx,
      );
      labels.set(entry.token, label);
    }
    feedback.push({ token_raw: entry.token, token_type: entry.type ?? "", label });
  }
  const revoked = [...labels.values()].filter((l) => l === "true_positive").length;
  if (revoked > 0) log.warn({ revoked, reporter: signed.keyId }, "leak report revoked credentials");
  // The owners' notices were queued in the revoking transactions; send them now.
  if (revoked > 0) nudgeOutbox();
  return json(feedback);
}

export function leakReportMethodNotAllowed() {
  return apiError(405, "method_not_allowed", "Send the report with POST.", {
    headers: { Allow: "POST" },
  });
}
