export type ErrorCode =
  "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "rate_limited";

const statusOf: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
};

/** An error whose message is safe to show to the caller. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
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
