// Operator command: npm run org:plan -- <slug> <free|pro|enterprise>
import { createDb } from "@/db/client";
import { findOrganizationBySlug, setOrganizationPlan } from "@/db/queries/organizations";
import { planEnum, type Plan } from "@/db/schema";

const [slug, plan] = process.argv.slice(2);
const plans = planEnum.enumValues as readonly string[];
if (!slug || !plan || !plans.includes(plan)) {
  console.error(`Usage: npm run org:plan -- <slug> <${plans.join("|")}>`);
  process.exit(2);
}
const handle = createDb();
const org = await findOrganizationBySlug(slug, handle.db);
if (!org) {
  console.error(`No organization with slug "${slug}".`);
  await handle.close();
  process.exit(1);
}
await setOrganizationPlan(handle.db, org.id, plan as Plan);
console.log(`${org.name} (${slug}) is now on the ${plan} plan (was ${org.plan}).`);
await handle.close();
