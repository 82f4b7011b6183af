"use client";

import { startTransition, useActionState } from "react";
import { toast } from "sonner";
import type { ActionFailure, ActionResult, OrgAction } from "@/lib/actions/safe-action";
import { useWithPageOrg } from "./page-org";

/** What to do with the outcome; by default a failure, and a success's message, become toasts. */
export type RunHandlers<T> = {
  onSuccess?: (data: T) => void;
  /** Failures go here instead of a toast: for dialogs that show them beside their fields. */
  onFailure?: (failure: ActionFailure) => void;
  /** No toast on success: the caller shows the outcome itself (a revealed key, a new page). */
  silent?: boolean;
};

type Call = { invoke: () => Promise<ActionResult<unknown>>; handlers: RunHandlers<unknown> };

/**
 * The one way client components call server actions: through React's useActionState, as forms
 * do (they pass its dispatch to `<form action>`); buttons and dialogs dispatch a call here. The
 * returned state is the last outcome.
 */
export function useActionCall() {
  const [state, dispatch, pending] = useActionState(
    async (_previous: ActionResult<unknown> | null, { invoke, handlers }: Call) => {
      const result = await invoke();
      if (!result.ok) {
        if (handlers.onFailure) handlers.onFailure(result);
        else toast.error(result.message);
      } else {
        if (result.message && !handlers.silent) toast.success(result.message);
        handlers.onSuccess?.(result.data);
      }
      return result;
    },
    null,
  );
  const call = <T>(invoke: () => Promise<ActionResult<T>>, handlers: RunHandlers<T> = {}) =>
    startTransition(() => dispatch({ invoke, handlers: handlers as RunHandlers<unknown> }));
  return { state, pending, call };
}

/** useActionCall for an organization action, sent on behalf of the page's organization. */
export function useRunAction() {
  const { pending, call } = useActionCall();
  const withPageOrg = useWithPageOrg();
  const run = <T>(
    action: OrgAction<T>,
    input: Record<string, unknown>,
    handlers: RunHandlers<T> | ((data: T) => void) = {},
  ) =>
    call(
      () => action(null, withPageOrg(input)),
      typeof handlers === "function" ? { onSuccess: handlers } : handlers,
    );
  return [pending, run] as const;
}
