"use client";

import { useActionState, useState } from "react";
import { FieldError, FormError, fieldProps } from "@/components/forms/form-feedback";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { completeSetup } from "./actions";

const fields = [
  { name: "organization", label: "Organization name", type: "text", autoComplete: "organization" },
  { name: "name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "email", label: "Email", type: "email", autoComplete: "username" },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password" },
] as const;

export function SetupForm() {
  const [state, action] = useActionState(completeSetup, null);
  // Controlled so a failed submission keeps what was typed (React resets uncontrolled forms).
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <form action={action} className="grid gap-4">
      {fields.map((f) => (
        <div key={f.name} className="grid gap-2">
          <Label htmlFor={f.name}>{f.label}</Label>
          <Input
            {...fieldProps(state, f.name)}
            type={f.type}
            autoComplete={f.autoComplete}
            required
            value={values[f.name] ?? ""}
            onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
          />
          {f.name === "password" && (
            <p className="text-muted-foreground text-xs">At least 12 characters.</p>
          )}
          <FieldError state={state} name={f.name} />
        </div>
      ))}
      <FormError state={state} />
      <SubmitButton pendingText="Creating…">Create organization</SubmitButton>
    </form>
  );
}
