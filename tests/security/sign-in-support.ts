import { authorizeCredentials } from "@/lib/auth/credentials";
import { ipHeaders } from "../helpers/client-ip";

type Authorize = typeof authorizeCredentials;

/** One sign-in attempt as Auth.js's Credentials provider receives it, from `ip`. */
export function attempt(
  email: string,
  password: string,
  ip: string,
  authorize: Authorize = authorizeCredentials,
) {
  return authorize(
    { email, password },
    new Request("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers: ipHeaders(ip),
    }),
  );
}

/** What the attempt ended in, as readable text: "signed in", "refused" or "throttled 240s". */
export async function outcome(result: ReturnType<Authorize>): Promise<string> {
  try {
    return (await result) ? "signed in" : "refused";
  } catch (error) {
    const e = error as { code?: string; retryAfterSeconds?: number };
    if (e.code === "throttled") return `throttled ${e.retryAfterSeconds}s`;
    throw error;
  }
}
