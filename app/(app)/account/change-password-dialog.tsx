"use client";

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
import { changePassword } from "./actions";

const fields = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password" },
  { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
] as const;
type Values = Record<(typeof fields)[number]["name"], string>;
const empty: Values = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  // Controlled so a refused attempt keeps what was typed (React resets uncontrolled forms).
  const [values, setValues] = useState<Values>(empty);
  const [state, action] = useActionState(async (prev: unknown, formData: FormData) => {
    const result = await changePassword(null, formData);
    if (result.ok) {
      toast.success(result.message);
      setValues(empty);
      onOpenChange(false);
      return null;
    }
    return result;
  }, null);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Change password</DialogTitle>
          <DialogDescription>
            You stay signed in here; every other browser and device where you are signed in is
            signed out.
          </DialogDescription>
        </DialogHeader>
        <form action={action} className="grid gap-4">
          {fields.map((f) => (
            <div key={f.name} className="grid gap-2">
              <Label htmlFor={f.name}>{f.label}</Label>
              <Input
                {...fieldProps(state, f.name)}
                type="password"
                autoComplete={f.autoComplete}
                required
                value={values[f.name]}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              />
              {f.name === "newPassword" && (
                <p className="text-muted-foreground text-xs">At least 12 characters.</p>
              )}
              <FieldError state={state} name={f.name} />
            </div>
          ))}
          {!(state && !state.ok && state.fieldErrors) && <FormError state={state} />}
          <DialogFooter>
            <SubmitButton pendingText="Changing…">Change password</SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
