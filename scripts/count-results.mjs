// Sums Vitest's and Playwright's JSON reports into the closing "N passed, N failed" line.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(v);
  skipped += v.numPendingTests + v.numTodoTests;
} else failed += 1;

if (existsSync(playwrightFile)) {
  const p = JSON.parse(readFileSync(playwrightFile, "utf8"));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
  if (p.errors?.length) failed += 1; // e.g. the web server failed to start
} else failed += 1;

function countSuitesWithFailedTests(v) {
  return v.testResults.filter((s) => s.assertionResults.some((a) => a.status === "failed")).length;
}

console.log(`\nvitest + playwright:`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
