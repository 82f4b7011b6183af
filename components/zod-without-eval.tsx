"use client";

import { z } from "zod";

// zod compiles object parsers with new Function() where it may, and probes for that by calling
// Function(""). The pages' Content-Security-Policy has no 'unsafe-eval', so the probe would be
// blocked and reported as a violation on every page that validates in the browser: skip it.
z.config({ jitless: true });

/** Rendered once by the root layout so the setting above is loaded with the first client code. */
export function ZodWithoutEval() {
  return null;
}
