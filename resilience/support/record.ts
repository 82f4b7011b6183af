// What each scenario held, injected and tried, for the README's Resilience table
// (resilience/summary.mjs merges these with the runner's pass/fail).
import { appendFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type Figures = {
  /** The scenario's test name, e.g. "1. Concurrent regenerate". */
  scenario: string;
  load: string;
  faults: string;
  badInputs: string;
  outcome: string;
  nothingLost: string;
};

export function runDir(): string {
  const dir = process.env.RESILIENCE_RUN_DIR ?? path.join(os.tmpdir(), "latchkey-resilience");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function record(figures: Figures) {
  appendFileSync(path.join(runDir(), "figures.jsonl"), `${JSON.stringify(figures)}\n`);
  console.log(`[resilience] ${figures.scenario}: ${figures.outcome}`);
}

/** "1,234" */
export const n = (value: number) => value.toLocaleString("en-US");
/** "12 ms" from milliseconds. */
export const ms = (value: number) => `${Math.round(value)} ms`;
