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
import { addMember } from "./actions";

export function AddMemberDialog({ canGrantOwner }: { canGrantOwner: boolean }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ email: "", name: "", role: "member" });
  const [state, action] = useActionState(async (prev: unknown, formData: FormData) => {
    const result = await addMember(prev, formData);
    if (result.ok) {
      toast.success(result.message);
      setOpen(false);
      setValues({ email: "", name: "", role: "member" });
    }
    return result;
  }, null);

  const bind = (name: "email" | "name" | "role") => ({
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
          Add member
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add member</DialogTitle>
          <DialogDescription>
            Give them an initial password; they can sign in with it right away.
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
            <Label htmlFor="name">Name</Label>
            <Input autoComplete="off" required {...bind("name")} />
            <FieldError state={state} name="name" />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="password">Initial password</Label>
            <Input
              {...fieldProps(state, "password")}
              type="password"
              autoComplete="new-password"
              required
            />
            <p className="text-muted-foreground text-xs">At least 12 characters.</p>
            <FieldError state={state} name="password" />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="role">Role</Label>
            <NativeSelect {...bind("role")}>
              <option value="member">Member</option>
              <option value="admin">Admin</option>
              {canGrantOwner && <option value="owner">Owner</option>}
            </NativeSelect>
            <FieldError state={state} name="role" />
          </div>
          <FormError state={state} />
          <DialogFooter>
            <SubmitButton pendingText="Adding…">Add member</SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
