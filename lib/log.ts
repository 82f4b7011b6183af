import pino, { type Logger } from "pino";

// Keys whose values never reach a log line, at any depth: credentials, and digests of credentials
// (a SHA-256 of an API key is as good as the key for looking it up).
const SECRET_KEY =
  /authorization|cookie|passw|secret|token|digest|hash|api[-_]?key|credential|private|signature|params/i;

// Values that look like credentials wherever they appear, including inside messages.
const SECRET_TEXT = [
  /\blk_(?:live|test)_[A-Za-z0-9]+/g, // API keys
  /\blkcs_[A-Za-z0-9_-]+/g, // OAuth client secrets
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, // JWTs
  /\b[0-9a-f]{64}\b/gi, // SHA-256 hex digests
];

const REDACTED = "[redacted]";

function scrubText(text: string): string {
  return SECRET_TEXT.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "[depth]";
  if (value instanceof Error) return serializeError(value, depth);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : scrub(v, depth + 1);
  }
  return out;
}

type DatabaseError = Error & { code?: unknown; severity?: unknown };

// postgres-js and PGlite errors carry the SQLSTATE code; Drizzle wraps them in "Failed query: <sql>
// params: <values>", which must never be logged.
const sqlState = (error: unknown) => {
  const code = (error as DatabaseError | undefined)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/**
 * What a log line says about an error: its type, message, code and stack, and the same for its
 * cause — never its other properties (a query's parameters, a request's headers). A database
 * error is reduced to the database's message and SQLSTATE code.
 */
function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubText(String(error)) };
  const cause = (error as { cause?: unknown }).cause;
  const dbCause = error.name === "DrizzleQueryError" || /^Failed query:/.test(error.message);
  if (dbCause || sqlState(error)) {
    const db = dbCause && cause instanceof Error ? cause : error;
    const code = sqlState(db);
    return {
      type: "DatabaseError",
      code,
      // Class 22 (data exception) messages quote the offending value.
      message: code?.startsWith("22") ? "invalid value (withheld)" : scrubText(db.message),
    };
  }
  const out: Record<string, unknown> = {
    type: error.name,
    message: scrubText(error.message),
    stack: error.stack ? scrubText(error.stack) : undefined,
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  if (cause !== undefined && depth < 3) out.cause = serializeError(cause, depth + 1);
  return out;
}

function createLogger(): Logger {
  return pino(
    {
      // Not through lib/env: the logger must be able to report that the environment does not parse.
      level: process.env.LOG_LEVEL ?? "info",
      base: undefined,
      // formatters.log below has already turned errors into plain objects; this covers the rest.
      serializers: {
        err: (error: unknown) => (error instanceof Error ? serializeError(error) : error),
      },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    // process.stdout rather than pino's own file descriptor writer: one stream that tests and
    // process managers see alike; the app logs little, so the cost does not matter.
    process.stdout,
  );
}

/** The one logger of the app: JSON lines on stdout, secrets and their digests removed. */
export const log: Logger = createLogger();
