// Every API key and client secret the suite was handed, with the response that revealed it.

export type Issued = { value: string; kind: "api_key" | "client_secret"; revealedIn: string };

export const issued: Issued[] = [];

export function remember(value: unknown, kind: Issued["kind"], revealedIn: string) {
  if (typeof value !== "string") throw new Error(`no ${kind} in ${revealedIn}`);
  issued.push({ value, kind, revealedIn });
  return value;
}

/** Any key or client secret shaped string: what must never be found at rest. */
export const SECRET_SHAPES = [/lk_(?:live|test)_[0-9A-Za-z]{40,}/g, /lkcs_[0-9A-Za-z]{40,}/g];

/** The part of a secret that is random (no prefix, no checksum): found alone, it is a leak too. */
export function randomPart(secret: string) {
  return secret.startsWith("lkcs_") ? secret.slice(5, -6) : secret.slice(8, -6);
}
