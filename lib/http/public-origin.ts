import { env } from "@/lib/env";

/** The configured public origin: APP_URL's (AUTH_URL's when only it is set), or undefined. */
export function configuredOrigin(): string | undefined {
  const { APP_URL, AUTH_URL } = env();
  const configured = APP_URL ?? AUTH_URL;
  return configured ? new URL(configured).origin : undefined;
}

/**
 * Where people and machines reach this app: the configured origin, stable behind proxies and
 * whatever Host a request carried; otherwise the origin the request reached. Callers pass that
 * origin as the server saw it (the machine door's request URL: the Host, https only when a
 * trusted proxy said so), never X-Forwarded-Host, which any client can send.
 */
export function publicOrigin(reached: string | URL): string {
  return configuredOrigin() ?? new URL(reached).origin;
}
