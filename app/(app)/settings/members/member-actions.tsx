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
import { NativeSelect } from "@/components/ui/native-select";
import type { Role } from "@/db/schema";
import { changeMemberRole, removeMember } from "./actions";

type Props = {
  member: { userId: string; name: string; email: string; role: Role };
  /** Active API keys the member created here: removal revokes them all. */
  activeKeys: number;
  viewerIsOwner: boolean;
};

export function MemberActions({ member, activeKeys, viewerIsOwner }: Props) {
  const router = useRouter();
  const [pending, run] = useRunAction();
  const ownerLocked = member.role === "owner" && !viewerIsOwner;
  return (
    <div className="flex items-center justify-end gap-2">
      <NativeSelect
        aria-label={`Role for ${member.email}`}
        className="w-32"
        value={member.role}
        disabled={pending || ownerLocked}
        onChange={(e) =>
          run(changeMemberRole, { userId: member.userId, role: e.target.value }, () =>
            router.refresh(),
          )
        }
      >
        <option value="member">Member</option>
        <option value="admin">Admin</option>
        {(viewerIsOwner || member.role === "owner") && <option value="owner">Owner</option>}
      </NativeSelect>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="outline" size="sm" disabled={pending || ownerLocked}>
            Remove<span className="sr-only"> {member.email}</span>
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Remove {member.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              {member.email} loses access to this organization at once.{" "}
              {activeKeys === 0
                ? "They have no active API keys here."
                : `The ${activeKeys === 1 ? "API key" : `${activeKeys} API keys`} they created here will be revoked and moved to the archive; inviting them again does not bring ${activeKeys === 1 ? "it" : "them"} back.`}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-white hover:bg-destructive/90"
              onClick={() => run(removeMember, { userId: member.userId }, () => router.refresh())}
            >
              Remove member
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
