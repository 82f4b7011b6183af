"use client";

import { useRouter } from "next/navigation";
import { useRunAction } from "@/components/forms/use-run-action";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { resendInvitation, revokeInvitation } from "./actions";

type Props = { invitation: { id: string; email: string }; disabled: boolean };

export function InvitationActions({ invitation, disabled }: Props) {
  const router = useRouter();
  const [pending, run] = useRunAction();
  const input = { invitationId: invitation.id };
  return (
    <div className="flex items-center justify-end gap-2">
      <Button
        variant="outline"
        size="sm"
        disabled={pending || disabled}
        onClick={() => run(resendInvitation, input, () => router.refresh())}
      >
        Resend<span className="sr-only"> invitation to {invitation.email}</span>
      </Button>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="outline" size="sm" disabled={pending || disabled}>
            Revoke<span className="sr-only"> invitation to {invitation.email}</span>
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Revoke the invitation to {invitation.email}?</AlertDialogTitle>
            <AlertDialogDescription>
              The link in their email stops working at once. You can invite them again later.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-white hover:bg-destructive/90"
              onClick={() => run(revokeInvitation, input, () => router.refresh())}
            >
              Revoke invitation
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
