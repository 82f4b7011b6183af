"use client";

import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import type { ActionFailure } from "@/lib/actions/safe-action";

/**
 * The form of a dialog that calls an action with an object (useRunAction): its fields, the
 * failure that belongs to no field, and the submit button, disabled while the action runs.
 */
export function DialogForm({
  onSubmit,
  failure,
  pending,
  disabled,
  submit,
  submitting,
  children,
}: {
  onSubmit: () => void;
  failure: ActionFailure | null;
  pending: boolean;
  disabled?: boolean;
  submit: string;
  submitting: string;
  children: React.ReactNode;
}) {
  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {failure && !failure.fieldErrors && (
        <p role="alert" className="text-destructive text-sm">
          {failure.message}
        </p>
      )}
      <DialogFooter>
        <Button type="submit" disabled={pending || disabled}>
          {pending ? submitting : submit}
        </Button>
      </DialogFooter>
    </form>
  );
}
