"use client";

import { useActionState } from "react";
import { FormError } from "@/components/forms/form-feedback";
import { SubmitButton } from "@/components/forms/submit-button";
import { acceptInvitation } from "./actions";

export function AcceptForm({ token, signedInAs }: { token: string; signedInAs: string }) {
  const [state, action] = useActionState(acceptInvitation, null);
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm">
        You&apos;re signed in as <strong>{signedInAs}</strong>.
      </p>
      <FormError state={state} />
      <SubmitButton pendingText="Joining…">Accept invitation</SubmitButton>
    </form>
  );
}
