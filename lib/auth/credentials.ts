import "server-only";
import { credentialsSchema } from "@/app/(auth)/login/schema";
import { findUserByEmail } from "@/db/queries/users";
import { verifyPassword } from "@/lib/password";

/**
 * The Credentials provider's check of an email and password. Every sign-in passes here, from
 * the login form's action and from Auth.js's own callback endpoint alike.
 */
export async function authorizeCredentials(raw: unknown, _request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const user = await findUserByEmail(parsed.data.email);
  if (!user || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
