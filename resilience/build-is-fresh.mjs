// Exit 0 when the production build is newer than every file it is built from, so
// test:resilience can reuse the build that `npm test` has just made instead of building again.
// The build is .next, plus any script file `npm start` runs (a custom server's bundle).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";

// Scripts are not built, except the one that bundles the custom server.
const NOT_BUILT =
  /^(?:(?:resilience|tests|e2e|bench|\.ci|\.github)\/|scripts\/(?!build-server\.mjs$))|\.md$|^vitest\..*|^playwright\.config/;

try {
  const start = JSON.parse(readFileSync("package.json", "utf8")).scripts?.start ?? "";
  const outputs = [".next/BUILD_ID", ...(start.match(/[\w./-]+\.[cm]?js\b/g) ?? [])];
  const missing = outputs.find((f) => !existsSync(f));
  if (missing) {
    console.log(`no build: ${missing} is missing`);
    process.exit(1);
  }
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f && !NOT_BUILT.test(f) && existsSync(f));
  const newer = files.find((f) => statSync(f).mtimeMs > built);
  if (newer) {
    console.log(`the build is older than ${newer}`);
    process.exit(1);
  }
} catch (error) {
  console.log(`cannot tell whether the build is fresh: ${error.message}`);
  process.exit(1);
}
