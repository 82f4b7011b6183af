import { z } from "zod";
import { readBoundedBody } from "@/lib/http/bounded-body";
import { invalidRequest, payloadTooLarge, unsupportedMediaType } from "./responses";

export const MAX_BODY_BYTES = 64 * 1024;
/** Deepest nesting of arrays and objects a JSON body may have (the body itself is level 1). */
export const MAX_JSON_DEPTH = 32;

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads a JSON body within `limit` bytes — judged on Content-Length and again on the bytes actually
 * received, since the header may lie or be absent — and validates it with `schema`.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = MAX_BODY_BYTES,
): Promise<BodyResult<z.output<S>>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    return { ok: false, response: unsupportedMediaType() };
  }
  const bytes = await readBoundedBody(request, limit);
  if (!bytes) return { ok: false, response: payloadTooLarge(limit) };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, response: invalidRequest("The body is not valid UTF-8.") };
  }
  if (!text.trim()) return { ok: false, response: invalidRequest("The body is empty.") };
  // Checked before parsing: what walks the parsed value (the NUL scan, zod, PostgreSQL's jsonb
  // input) recurses per level, and 64 KiB of brackets would overflow its stack into a 500.
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
    return {
      ok: false,
      response: invalidRequest(
        `The body is nested too deeply: at most ${MAX_JSON_DEPTH} levels of arrays and objects.`,
      ),
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, response: invalidRequest("The body is not valid JSON.") };
  }
  const nul = pathWithNul(data);
  if (nul !== null) {
    // PostgreSQL text and jsonb cannot store U+0000: refuse it here rather than fail the insert.
    const message = "Text must not contain the NUL character (U+0000).";
    return {
      ok: false,
      response: invalidRequest(message, nul ? { [nul]: [message] } : undefined),
    };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, response: validationFailure(parsed.error) };
  return { ok: true, value: parsed.data };
}

export function validationFailure(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (!path) general.push(issue.message);
    else (fields[path] ??= []).push(issue.message);
  }
  const names = Object.keys(fields);
  const description = names.length
    ? `Invalid field${names.length > 1 ? "s" : ""}: ${names.join(", ")}.`
    : (general[0] ?? "The request is invalid.");
  return invalidRequest(description, names.length ? fields : undefined);
}

/** The path of the first string (value or key) holding U+0000; "" for the root; null if none. */
function pathWithNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathWithNul(item, [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "")].join(".");
      const found = pathWithNul(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Whether arrays and objects in the JSON text nest deeper than `max`; brackets in strings ignored. */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
