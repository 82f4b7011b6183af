"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import { FieldError, FormError, fieldProps } from "@/components/forms/form-feedback";
import { SubmitButton } from "@/components/forms/submit-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createOrganization } from "./actions";

type Props = { open: boolean; onOpenChange: (open: boolean) => void };

/** Opened from the organization switcher; on success the app switches to the new organization. */
export function CreateOrganizationDialog({ open, onOpenChange }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [state, action] = useActionState(async (prev: unknown, formData: FormData) => {
    const result = await createOrganization(prev, formData);
    if (result.ok) {
      toast.success(result.message);
      onOpenChange(false);
      setName("");
      router.push("/settings/members");
      router.refresh();
    }
    return result;
  }, null);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create organization</DialogTitle>
          <DialogDescription>
            It starts on the Free plan with you as its owner. You can invite others right after.
          </DialogDescription>
        </DialogHeader>
        <form action={action} className="grid gap-4">
          <div className="grid gap-2">
            <Label htmlFor="org-name">Organization name</Label>
            <Input
              {...fieldProps(state, "name")}
              id="org-name"
              autoComplete="organization"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <FieldError state={state} name="name" />
          </div>
          <FormError state={state} />
          <DialogFooter>
            <SubmitButton pendingText="Creating…">Create organization</SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
