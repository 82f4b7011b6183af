"use client";

import { Loader2 } from "lucide-react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";

/** A form's submit button. `pending` is for forms submitted from onSubmit, which useFormStatus cannot see. */
export function SubmitButton({
  children,
  pendingText,
  pending: submitting,
  ...props
}: React.ComponentProps<typeof Button> & { pendingText?: string; pending?: boolean }) {
  const status = useFormStatus();
  const pending = submitting ?? status.pending;
  return (
    <Button type="submit" aria-disabled={pending} disabled={pending || props.disabled} {...props}>
      {pending && <Loader2 className="size-4 animate-spin" aria-hidden />}
      {pending && pendingText ? pendingText : children}
      <span aria-live="polite" className="sr-only">
        {pending ? "Working…" : ""}
      </span>
    </Button>
  );
}
