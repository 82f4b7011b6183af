"use client";

import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { useActionCall } from "@/components/forms/use-run-action";
import { signOutEverywhere } from "./actions";

export function SignOutEverywhereDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { pending, call } = useActionCall();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Sign out everywhere?"
      description="This signs you out of every browser and device, including this one. You will need to sign in again."
      confirm="Sign out everywhere"
      confirming="Signing out…"
      pending={pending}
      // On success the action redirects to /login and does not return.
      onConfirm={() => call(signOutEverywhere)}
    />
  );
}
