import "server-only";
import { and, count, eq, notExists, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { memberships, users } from "../schema";

export async function findUserByEmail(email: string, db: Executor = getDb()) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return user;
}

export async function findUserById(id: string, db: Executor = getDb()) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

export async function countUsers(db: Executor = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(
  db: Executor,
  values: { email: string; name: string; passwordHash: string },
) {
  const [user] = await db.insert(users).values(values).returning();
  return user!;
}

/** The version a session must carry to be valid; undefined for a user that no longer exists. */
export async function findSessionVersion(userId: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return row?.sessionVersion;
}

/** Ends every session of the user signed in so far. */
export async function endSessions(db: Executor, userId: string) {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** Ends the user's sessions if they no longer belong to any organization. */
export async function endSessionsIfNoMembership(db: Executor, userId: string) {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(
      and(
        eq(users.id, userId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(memberships)
            .where(eq(memberships.userId, userId)),
        ),
      ),
    );
}

/**
 * Sets a new password and ends every session signed in before, only if the caller's session
 * (`sessionVersion`) is still current. Returns the new version, or undefined if it was not.
 */
export async function changePasswordHash(
  db: Executor,
  userId: string,
  sessionVersion: number,
  passwordHash: string,
) {
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion;
}
