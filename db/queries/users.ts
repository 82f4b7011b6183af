import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { users } from "../schema";

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
