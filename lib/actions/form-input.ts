import { z } from "zod";
import type { ActionFailure } from "./safe-action";

/**
 * The fields a form action received, whatever the caller sent: server actions can be called with
 * any serialisable argument, so anything but FormData or a plain object counts as no fields and
 * fails validation like an empty form.
 */
export function formFields(input: unknown): Record<string, unknown> {
  if (input instanceof FormData) {
    const fields: Record<string, unknown> = {};
    for (const key of input.keys()) if (!key.startsWith("$ACTION")) fields[key] ??= input.get(key);
    return fields;
  }
  const proto = input && typeof input === "object" ? Object.getPrototypeOf(input) : undefined;
  return proto === Object.prototype || proto === null ? (input as Record<string, unknown>) : {};
}

/** A form's validation errors as an action result, each message under its field's name. */
export function validationFailure(
  error: z.ZodError,
  message = "Please correct the highlighted fields.",
): ActionFailure {
  return {
    ok: false,
    code: "invalid",
    message,
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
  };
}

/** One field's error, for checks made after the schema (a wrong current password). */
export function fieldFailure(field: string, error: string): ActionFailure {
  return {
    ok: false,
    code: "invalid",
    message: "Please correct the highlighted fields.",
    fieldErrors: { [field]: [error] },
  };
}
