// Signing in over HTTP through Auth.js's own endpoints, as a browser's form post would.
import type { HttpClient } from "./http";

function cookiesOf(setCookie: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of setCookie ?? []) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    out[pair!.slice(0, eq).trim()] = pair!.slice(eq + 1);
  }
  return out;
}

export const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** Signs `email` in on `origin` and returns the session's Cookie header. */
export async function signIn(
  client: HttpClient,
  origin: string,
  email: string,
  password: string,
): Promise<string> {
  const csrf = await client.request(`${origin}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const jar = cookiesOf(csrf.headers["set-cookie"]);
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/settings" });
  const reply = await client.request(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
      origin,
    },
    body: form.toString(),
  });
  const session = cookiesOf(reply.headers["set-cookie"])["authjs.session-token"];
  if (!session)
    throw new Error(`sign-in of ${email} failed: ${reply.status} ${reply.body.slice(0, 200)}`);
  return `authjs.session-token=${session}`;
}
