export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid"
  | "conflict"
  | "rate_limited"
  | "not_recorded";

const statusOf: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
  not_recorded: 503,
};

/** An error whose message is safe to show to the caller. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.status = statusOf[code];
  }
}

export const unauthenticated = () => new AppError("unauthenticated", "Please sign in to continue.");
export const forbidden = (message = "You don't have permission to do that.") =>
  new AppError("forbidden", message);
export const notFound = (what = "That item") => new AppError("not_found", `${what} was not found.`);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("invalid", message, fieldErrors);
export const conflict = (message: string) => new AppError("conflict", message);

/** The audit event of a change could not be written, so the change was not made either. */
export const notRecorded = (cause: unknown) =>
  new AppError(
    "not_recorded",
    "The change could not be recorded in the audit log, so it was not made. Please try again.",
    undefined,
    { cause },
  );
