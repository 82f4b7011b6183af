// Operator command: npm run audit:verify [-- --org <slug>]
// Walks each organization's audit hash chain; exits 1 when any link is broken.
import { createDb } from "@/db/client";
import { listOrganizationsForVerify } from "@/db/queries/audit-chain";
import { verifyChain } from "@/lib/audit/verify";

const args = process.argv.slice(2);
const orgFlag = args.indexOf("--org");
const onlySlug = orgFlag >= 0 ? args[orgFlag + 1] : undefined;
if (orgFlag >= 0 && !onlySlug) {
  console.error("Usage: npm run audit:verify [-- --org <slug>]");
  process.exit(2);
}

const handle = createDb();
let broken = 0;
try {
  const orgs = (await listOrganizationsForVerify(handle.db)).filter(
    (o) => !onlySlug || o.slug === onlySlug,
  );
  if (onlySlug && orgs.length === 0) {
    console.error(`No organization with slug "${onlySlug}".`);
    process.exitCode = 2;
  }
  for (const org of orgs) {
    const report = await verifyChain(org.id, { db: handle.db });
    if (report.intact) {
      console.log(`${org.slug}: intact (${report.count} events)`);
    } else {
      broken += 1;
      console.log(
        `${org.slug}: BROKEN at seq ${report.seq} (event id ${report.eventId ?? "?"}, ${report.problem}): ` +
          `expected ${report.expected}, found ${report.found}; ${report.count} events verify before it`,
      );
    }
  }
} finally {
  await handle.close();
}
if (broken) process.exitCode = 1;
