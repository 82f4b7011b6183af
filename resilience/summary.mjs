// Closes npm run test:resilience: merges the runner's results with what each scenario recorded
// into resilience/last-run.json (the README's Resilience table is made from it by
// `npm run resilience:table`) and prints the closing "N passed, N failed" line.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [vitestFile, figuresFile, seconds, partial] = process.argv.slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;
const results = new Map();
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, "utf8"));
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      results.set(test.title, { status: test.status, ms: Math.round(test.duration ?? 0) });
      if (test.status === "passed") passed += 1;
      else if (test.status === "failed") failed += 1;
      else skipped += 1;
    }
    // a file that failed before its tests ran (set-up) counts once
    if (file.status === "failed" && file.assertionResults.every((t) => t.status !== "failed")) {
      failed += 1;
    }
  }
} else failed += 1;

const figures = existsSync(figuresFile)
  ? readFileSync(figuresFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];

const scenarios = [...results].map(([title, result]) => {
  const recorded = figures.findLast((f) => f.scenario === title) ?? {};
  return { scenario: title, ...recorded, status: result.status, seconds: result.ms / 1000 };
});

// A run of some scenarios only (`partial`) keeps its results beside its figures, not in the repo.
const out = partial
  ? path.join(path.dirname(figuresFile), "last-run.json")
  : "resilience/last-run.json";
const run = {
  date: new Date().toISOString().slice(0, 10),
  durationSeconds: Number(seconds) || null,
  passed,
  failed,
  skipped,
  scenarios,
};
writeFileSync(out, `${JSON.stringify(run, null, 2)}\n`);

console.log(`\nresilience: ${seconds ? `${seconds} s, ` : ""}results in ${out}`);
// A scenario skipped for a reason (not left out of a partial run) is listed with its reason:
// neither a pass nor a failure.
for (const s of scenarios.filter((s) => s.status === "skipped" && s.outcome)) {
  console.log(`skipped: ${s.scenario}: ${s.outcome}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
