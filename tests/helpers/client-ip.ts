/** Request headers that make the app see the caller at `ip` (see lib/http/client-ip.ts). */
export const ipHeaders = (ip: string) => ({ "x-forwarded-for": ip });
