import "server-only";
import { CredentialsSignin } from "next-auth";
import { credentialsSchema } from "./credentials-schema";
import { findUserByEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { clientIp } from "@/lib/http/client-ip";
import { verifyPasswordOrDummy } from "@/lib/password";
import { throttledPasswordCheck } from "./sign-in-throttle";

/** Too many failed attempts from this address; Auth.js hands the error back to signIn's caller. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/**
 * The Credentials provider's check of an email and password. Every sign-in passes here, from
 * the login form's action and from Auth.js's own callback endpoint alike.
 */
export async function authorizeCredentials(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  let user: User | undefined;
  const result = await throttledPasswordCheck(email, clientIp(request.headers), async () => {
    user = await findUserByEmail(email);
    return verifyPasswordOrDummy(password, user?.passwordHash);
  });
  if (!result.ok && result.retryAfterSeconds) throw new SignInThrottled(result.retryAfterSeconds);
  if (!result.ok || !user) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
