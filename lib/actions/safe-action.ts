import "server-only";
import { z } from "zod";
import type { Role } from "@/db/schema";
import { requireMember, type MemberContext } from "@/lib/auth/authorize";
import { requestMeta } from "@/lib/auth/request-context";
import { AppError, forbidden, invalid, type ErrorCode } from "@/lib/errors";
import { PAGE_ORG_FIELD } from "./page-org";
import { log } from "@/lib/log";

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

/**
 * The fields of an action's input: FormData or a plain object. Anything else a caller can make
 * the action decoder produce (strings, arrays, numbers, null, Dates, Maps…) gives null, which the
 * caller answers as a validation failure rather than a TypeError.
 */
function toObject(input: unknown): Record<string, unknown> | null {
  if (input instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const key of new Set(input.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const values = input.getAll(key);
      out[key] = key.endsWith("[]") ? values : values[0];
    }
    return out;
  }
  if (typeof input !== "object" || input === null) return null;
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return null;
  return { ...(input as Record<string, unknown>) };
}

const unreadable = () => invalid("The request could not be read. Reload the page and try again.");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Server actions are POSTs that carry the session cookie. Next compares Origin with Host only when
 * a browser sends Origin; the Fetch Metadata header closes the gap for requests without one.
 */
export async function refuseCrossSiteCall() {
  const { fetchSite } = await requestMeta();
  if (fetchSite === "cross-site") {
    throw forbidden("This request came from another website and was refused.");
  }
}

export function failure(error: unknown): ActionFailure {
  if (error instanceof AppError) {
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  // Unexpected errors are logged server-side; the caller gets no internals.
  log.error({ err: error }, "server action failed");
  return { ok: false, code: "error", message: "Something went wrong. Please try again." };
}

const orgActions = new WeakSet<object>();
declare const orgActionBrand: unique symbol;

/**
 * What orgAction makes. The brand exists only for the type checker: helpers that add the page's
 * organization (useRunAction) accept nothing else, so a hand-made wrapper that would call the action
 * without it does not compile.
 */
export type OrgAction<T> = ((prev: unknown, input: Input) => Promise<ActionResult<T>>) & {
  readonly [orgActionBrand]: true;
};

/**
 * Wraps a server action: refuses calls from other sites, authenticates, loads the caller's
 * membership in the organization the calling page shows (refusing when the caller has switched
 * organization since) and checks the role before the body runs, validates input with zod, and
 * turns errors into a result that never echoes input.
 * Usable with useActionState (prev state, FormData) or called directly with an object; either
 * carries the page's organization in PAGE_ORG_FIELD (components/forms/page-org.tsx adds it).
 */
export function orgAction<S extends z.ZodType, T>(
  options: { schema: S; role: Role },
  body: (input: z.output<S>, ctx: MemberContext) => Promise<ActionSuccess<T>>,
) {
  const action = async (_prev: unknown, input: Input): Promise<ActionResult<T>> => {
    try {
      await refuseCrossSiteCall();
      const fields = toObject(input);
      if (!fields) throw unreadable();
      const { [PAGE_ORG_FIELD]: pageOrgId, ...rest } = fields;
      const named = typeof pageOrgId === "string" && UUID.test(pageOrgId) ? pageOrgId : null;
      const ctx = await requireMember(options.role, named);
      const parsed = options.schema.safeParse(rest);
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
  orgActions.add(action);
  return action as OrgAction<T>;
}

/** Whether a function is an organization action made by orgAction (the action matrix lists them). */
export function isOrgAction(fn: unknown): boolean {
  return typeof fn === "function" && orgActions.has(fn);
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
