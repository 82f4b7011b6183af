import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";

/**
 * Request headers that make the app see the caller at `ip`: the header server.ts sets from the
 * socket and TRUSTED_PROXIES (see lib/http/client-ip.ts and tests/security/client-ip.test.ts).
 */
export const ipHeaders = (ip: string) => ({ [CLIENT_IP_HEADER]: ip });
