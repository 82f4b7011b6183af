import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { organizations, type Plan } from "../schema";

export async function findOrganizationBySlug(slug: string, db: Executor = getDb()) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return org;
}

export async function insertOrganization(
  db: Executor,
  values: { name: string; slug: string; plan: Plan },
) {
  const [org] = await db.insert(organizations).values(values).returning();
  return org!;
}

export async function setOrganizationPlan(db: Executor, orgId: string, plan: Plan) {
  await db.update(organizations).set({ plan }).where(eq(organizations.id, orgId));
}
