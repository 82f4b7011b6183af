/**
 * The body of every JSON error either door answers with: a code for programs and a sentence for
 * people (RFC 6749 §5.2's shape, which RFC 6750 shares), plus the fields some errors add (`scope`,
 * `ip`, `fields`). Each door keeps its own headers; the body is always made here.
 */
export type ErrorBody = { error: string; error_description: string; [more: string]: unknown };

export function errorBody(
  error: string,
  description: string,
  more?: Record<string, unknown>,
): ErrorBody {
  return more
    ? { error, error_description: description, ...more }
    : { error, error_description: description };
}
