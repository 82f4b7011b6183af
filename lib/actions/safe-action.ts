import "server-only";
import { z } from "zod";
import type { Role } from "@/db/schema";
import { requireMember, type MemberContext } from "@/lib/auth/authorize";
import { AppError, type ErrorCode } from "@/lib/errors";

export type ActionFailure = {
  ok: false;
  code: ErrorCode | "error";
  message: string;
  fieldErrors?: Record<string, string[]>;
};
export type ActionSuccess<T> = { ok: true; message?: string; data: T };
export type ActionResult<T = undefined> = ActionSuccess<T> | ActionFailure;
/** useActionState's state: null before the first submission. */
export type ActionState<T = undefined> = ActionResult<T> | null;

type Input = FormData | Record<string, unknown>;

function toObject(input: Input): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = input.getAll(key);
    out[key] = key.endsWith("[]") ? values : values[0];
  }
  return out;
}

export function failure(error: unknown): ActionFailure {
  if (error instanceof AppError) {
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  // Unexpected errors are logged server-side; the caller gets no internals.
  console.error("[action]", error);
  return { ok: false, code: "error", message: "Something went wrong. Please try again." };
}

/**
 * Wraps a server action: authenticates, loads the caller's membership and checks the role before
 * the body runs, validates input with zod, and turns errors into a result that never echoes input.
 * Usable with useActionState (prev state, FormData) or called directly with an object.
 */
export function orgAction<S extends z.ZodType, T>(
  options: { schema: S; role: Role },
  body: (input: z.output<S>, ctx: MemberContext) => Promise<ActionSuccess<T>>,
) {
  return async (_prev: unknown, input: Input): Promise<ActionResult<T>> => {
    try {
      const ctx = await requireMember(options.role);
      const parsed = options.schema.safeParse(toObject(input ?? {}));
      if (!parsed.success) {
        return {
          ok: false,
          code: "invalid",
          message: "Please correct the highlighted fields.",
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        };
      }
      return await body(parsed.data, ctx);
    } catch (error) {
      if (isNextControlFlow(error)) throw error;
      return failure(error);
    }
  };
}

export function ok<T = undefined>(message?: string, data?: T): ActionSuccess<T> {
  return { ok: true, message, data: data as T };
}

// redirect() and notFound() throw special errors that Next must receive untouched.
export function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_") || digest.startsWith("NEXT_HTTP"))
  );
}
