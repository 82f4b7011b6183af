// npm run resilience:table: writes the README's Resilience table from resilience/last-run.json,
// between the resilience-table markers.
import { readFileSync, writeFileSync } from "node:fs";

const START = "<!-- resilience-table:start -->";
const END = "<!-- resilience-table:end -->";

const run = JSON.parse(readFileSync("resilience/last-run.json", "utf8"));
const cell = (text) =>
  String(text ?? "—")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");
const rows = run.scenarios.map((s) =>
  [
    s.scenario,
    s.load,
    s.faults,
    s.badInputs,
    `${s.status === "passed" ? "passed" : `**${s.status}**`}: ${s.outcome ?? "no figures recorded"}`,
    s.nothingLost,
  ]
    .map(cell)
    .join(" | "),
);
const table = [
  `Last run: ${run.date}, ${run.passed} passed, ${run.failed} failed` +
    (run.skipped ? `, ${run.skipped} skipped (reason in its row)` : "") +
    (run.durationSeconds ? `, ${run.durationSeconds} s` : "") +
    ".",
  "",
  "| scenario | load held | faults injected | bad inputs tried | result | nothing lost |",
  "| --- | --- | --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r} |`),
].join("\n");

const readme = readFileSync("README.md", "utf8");
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} markers`);
writeFileSync(
  "README.md",
  `${readme.slice(0, from + START.length)}\n${table}\n${readme.slice(to)}`,
);
console.log(`README.md: Resilience table of ${run.date} (${rows.length} scenarios)`);
