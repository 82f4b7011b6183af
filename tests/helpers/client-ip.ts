/** Request headers that make `clientIp` see `ip` as the caller's address. */
export const ipHeaders = (ip: string) => ({ "x-forwarded-for": ip });
