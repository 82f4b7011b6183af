import "server-only";
import { eq, like, or } from "drizzle-orm";
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

/**
 * Inserts an organization under `base`, or `base-2`, `base-3`, … when taken. Undefined when a
 * concurrent insert took the chosen slug first (the unique constraint decides); call again.
 */
export async function insertOrganizationWithFreeSlug(
  db: Executor,
  values: { name: string; plan: Plan },
  base: string,
) {
  // Slugs hold only [a-z0-9-], so the base carries no LIKE wildcards.
  const taken = new Set(
    (
      await db
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(or(eq(organizations.slug, base), like(organizations.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const [org] = await db
    .insert(organizations)
    .values({ ...values, slug })
    .onConflictDoNothing({ target: organizations.slug })
    .returning();
  return org;
}
