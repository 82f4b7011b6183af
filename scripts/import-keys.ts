// Operator command: npm run keys:import -- FILE   (JSON lines: {"org","name","key"|"sha256"})
import { readFile } from "node:fs/promises";
import { createDb } from "@/db/client";
import { importLegacyKeys } from "@/lib/keys/legacy-import";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("Usage: npm run keys:import -- FILE");
  process.exit(2);
}
const text = await readFile(file, "utf8");
const handle = createDb();
await handle.migrate();
const report = await importLegacyKeys(handle.db, text);
await handle.close();
for (const error of report.errors) console.error(error);
console.log(
  `Imported ${report.imported} legacy key(s), skipped ${report.skipped} already present, ${report.errors.length} error(s).`,
);
process.exit(report.errors.length ? 1 : 0);
