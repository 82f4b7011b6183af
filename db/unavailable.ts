// When the database cannot answer: how long a request waits for it, and which errors mean it is
// unreachable rather than that a query is wrong. Callers answer those with 503, never with a
// guess (a credential is never accepted without the database saying so).
import { env } from "@/lib/env";

/** DATABASE_TIMEOUT_MS: the longest a machine request waits for the database before a 503. */
export function databaseTimeoutMs(): number {
  return env().DATABASE_TIMEOUT_MS;
}

export class DatabaseTimeout extends Error {
  readonly code = "DATABASE_TIMEOUT";
  constructor(ms: number) {
    super(`The database did not answer within ${ms} ms.`);
    this.name = "DatabaseTimeout";
  }
}

// postgres.js's own codes for a connection that failed, closed or timed out, and the socket's.
const CONNECTION_CODES = new Set([
  "DATABASE_TIMEOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

// SQLSTATE: connection exceptions (08), the server shutting down or starting (57P01–57P03),
// too many connections (53300), a statement cancelled by a timeout (57014).
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300|57014)$/;

/** Whether `error` (or anything in its cause chain) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || SQLSTATE.test(code))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `work`, or gives up with DatabaseTimeout after `ms`. A black-holed network never errors on
 * its own; this bounds the wait. The work itself is not cancelled: it finishes or fails later,
 * unseen, and its connection goes back to the pool.
 */
export async function withDatabaseDeadline<T>(
  work: () => Promise<T>,
  ms = databaseTimeoutMs(),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const running = work();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout(ms)), ms);
  });
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
    running.catch(() => {});
  }
}
