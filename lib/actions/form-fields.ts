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
