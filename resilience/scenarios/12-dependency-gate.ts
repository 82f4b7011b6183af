// npm audit --audit-level=high: clean, or every remaining advisory documented in the README as not
// reachable, with the reason. A registry that cannot answer the advisory request gives no result:
// the scenario is then skipped, saying why, never counted as passed.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { record } from "../support/record";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

type Audit = {
  message?: string;
  statusCode?: number;
  vulnerabilities?: Record<
    string,
    { severity: string; via: ({ url?: string; title?: string } | string)[] }
  >;
  error?: { code?: string; summary?: string };
};

/** Runs npm with `args` in the project; its output whether it exits 0 or not. */
async function npm(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run("npm", args, {
      cwd: root,
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    // npm audit exits non-zero when it finds something or cannot ask: its output says which
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: Number(e.code) || 1 };
  }
}

/** What `npm audit signatures` established, in a few words (it needs sigstore's TUF root too). */
async function signatures(): Promise<{ ok: boolean | null; said: string }> {
  // no retries: an unreachable host would otherwise be asked again for over a minute
  const { stdout, stderr, code } = await npm([
    "audit",
    "signatures",
    "--fetch-retries=0",
    "--fetch-timeout=15000",
  ]);
  const text = `${stdout}\n${stderr}`;
  const verified = /audited (\d+) packages?/i.exec(text);
  if (code === 0 && verified) return { ok: true, said: `${verified[1]} package signatures valid` };
  if (/invalid|missing/i.test(text) && verified) {
    return { ok: false, said: text.trim().split("\n").slice(0, 5).join(" ") };
  }
  const reason = /getaddrinfo ENOTFOUND (\S+)|(\d{3} [A-Za-z ]+) - GET/.exec(text);
  return {
    ok: null,
    said: `not checked: ${reason?.[1] ? `${reason[1]} unreachable` : (reason?.[2] ?? "no answer")}`,
  };
}

export async function dependencyGate(skip: (note: string) => never) {
  const { stdout } = await npm([
    "audit",
    "--audit-level=high",
    "--json",
    "--fetch-retries=0",
    "--fetch-timeout=15000",
  ]);
  const audit = JSON.parse(stdout || "{}") as Audit;
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const signed = await signatures();
  expect(signed.ok, `npm audit signatures: ${signed.said}`).not.toBe(false);
  if (audit.error || audit.message) {
    const said = `${audit.message ?? ""} ${audit.error?.code ?? ""} ${audit.error?.summary ?? ""}`;
    // Only a registry that cannot be asked makes this a skip; any other failure is a failure.
    expect(said).toMatch(/advisories|audits|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/);
    const status = /\b(\d{3}) ([A-Za-z ]+?) - POST/.exec(said);
    const reason = status
      ? `registry has no advisory endpoint (POST …/security/advisories/bulk → ${status[1]} ${status[2]})`
      : `registry unreachable for advisories (${said.trim().slice(0, 60)})`;
    // the README says so, for whoever reads the table
    expect(readme).toMatch(/advisory endpoint[\s\S]{0,300}405/);
    record({
      scenario: "12. Dependency gate",
      load: "—",
      faults: "—",
      badInputs: "—",
      outcome: `${reason}; npm audit signatures: ${signed.said}`,
      nothingLost: "—",
    });
    skip(reason);
  }
  const high = Object.entries(audit.vulnerabilities ?? {}).filter(([, v]) =>
    ["high", "critical"].includes(v.severity),
  );
  const advisories = high.flatMap(([name, v]) =>
    v.via.filter((via) => typeof via === "object").map((via) => ({ name, url: via.url ?? "" })),
  );
  const undocumented = advisories.filter((a) => !a.url || !readme.includes(a.url));
  record({
    scenario: "12. Dependency gate",
    load: "—",
    faults: "—",
    badInputs: "—",
    outcome: `${
      advisories.length === 0
        ? "npm audit --audit-level=high: clean"
        : `${advisories.length} high advisories, ${advisories.length - undocumented.length} documented in the README as not reachable`
    }; npm audit signatures: ${signed.said}`,
    nothingLost: "—",
  });
  expect(undocumented, JSON.stringify(undocumented, null, 2)).toEqual([]);
}
