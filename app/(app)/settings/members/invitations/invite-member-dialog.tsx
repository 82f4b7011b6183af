"use client";

import { UserPlus } from "lucide-react";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import { FieldError, FormError, fieldProps } from "@/components/forms/form-feedback";
import { PageOrgField } from "@/components/forms/page-org";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { inviteMember } from "./actions";

const empty = { email: "", role: "member" };

export function InviteMemberDialog({ canInviteOwner }: { canInviteOwner: boolean }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(empty);
  const [state, action] = useActionState(async (prev: unknown, formData: FormData) => {
    const result = await inviteMember(prev, formData);
    if (result.ok) {
      toast.success(result.message);
      setOpen(false);
      setValues(empty);
    }
    return result;
  }, null);

  const bind = (name: keyof typeof empty) => ({
    ...fieldProps(state, name),
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden />
          Invite member
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite member</DialogTitle>
          <DialogDescription>
            We&apos;ll email them a link that works once and expires in 7 days. They choose their
            own password, or sign in if they already have an account.
          </DialogDescription>
        </DialogHeader>
        <form action={action} className="grid gap-4">
          <PageOrgField />
          <div className="grid gap-2">
            <Label htmlFor="email">Email</Label>
            <Input type="email" autoComplete="off" required {...bind("email")} />
            <FieldError state={state} name="email" />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="role">Role</Label>
            <NativeSelect {...bind("role")}>
              <option value="member">Member</option>
              <option value="admin">Admin</option>
              {canInviteOwner && <option value="owner">Owner</option>}
            </NativeSelect>
            <FieldError state={state} name="role" />
          </div>
          <FormError state={state} />
          <DialogFooter>
            <SubmitButton pendingText="Sending…">Send invitation</SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
