import type { ActionState } from "@/lib/actions/safe-action";

export function FieldError({ state, name }: { state: ActionState<unknown>; name: string }) {
  const messages = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  if (!messages?.length) return null;
  return (
    <p id={`${name}-error`} className="text-destructive text-sm" data-testid={`${name}-error`}>
      {messages[0]}
    </p>
  );
}

/** The form-level message of a failed action, announced to screen readers. */
export function FormError({ state }: { state: ActionState<unknown> }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" data-testid="form-error" className="text-destructive text-sm">
      {state.message}
    </p>
  );
}

export function fieldProps(state: ActionState<unknown>, name: string) {
  const invalid = !!(state && !state.ok && state.fieldErrors?.[name]?.length);
  return {
    name,
    id: name,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? `${name}-error` : undefined,
  };
}
