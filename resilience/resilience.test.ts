// The resilience suite (npm run test:resilience): one world — a PostgreSQL cluster of its own
// and two built app instances — and the scenarios run in it one after the other, each checking
// the invariants afterwards. Figures go to resilience/last-run.json and the README.
import { afterAll, beforeAll, beforeEach, describe, it } from "vitest";
import { concurrentRegenerate } from "./scenarios/01-concurrent-regenerate";
import { regenerateRevokeRace } from "./scenarios/02-regenerate-revoke-race";
import { revokeUnderLoad } from "./scenarios/03-revoke-under-load";
import { databaseRestart } from "./scenarios/04-database-restart";
import { processKilled } from "./scenarios/05-process-killed";
import { slowDeadNetwork } from "./scenarios/06-slow-dead-network";
import { auditWriteFails } from "./scenarios/07-audit-write-fails";
import { bruteForce } from "./scenarios/08-brute-force";
import { fuzzing } from "./scenarios/09-fuzzing";
import { secretsAtRest } from "./scenarios/10-secrets-at-rest";
import { proxyBypass } from "./scenarios/11-proxy-bypass";
import { dependencyGate } from "./scenarios/12-dependency-gate";
import { ensureUp, killOnExit, setUp, tearDown, type Environment } from "./support/environment";

let env: Environment;

beforeAll(async () => {
  env = await setUp();
  killOnExit(env);
});
afterAll(() => tearDown(env));
// a scenario that failed half-way must not take the next one down with it
beforeEach(() => ensureUp(env));

describe("resilience", () => {
  it("1. Concurrent regenerate", () => concurrentRegenerate(env), 60_000);
  it("2. Regenerate vs revoke race", () => regenerateRevokeRace(env), 150_000);
  it("3. Revoke under load on two instances", () => revokeUnderLoad(env), 60_000);
  it("4. Database restart mid-load", () => databaseRestart(env), 90_000);
  it("5. Process killed mid-transaction", () => processKilled(env), 240_000);
  it("6. Slow and dead database network", () => slowDeadNetwork(env), 120_000);
  it("7. Audit write fails", () => auditWriteFails(env), 60_000);
  it("8. Brute force", () => bruteForce(env), 120_000);
  it("9. Fuzzing", () => fuzzing(env), 240_000);
  it("10. Secrets at rest and in transit", () => secretsAtRest(env), 120_000);
  it("11. Proxy bypass", () => proxyBypass(env), 120_000);
  // skipped, with the reason in the table, when the registry cannot answer the advisory request
  it("12. Dependency gate", (ctx) => dependencyGate((note) => ctx.skip(note)), 150_000);
});
