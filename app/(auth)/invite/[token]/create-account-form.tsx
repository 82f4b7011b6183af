"use client";

import { useActionState, useState } from "react";
import { FieldError, FormError, fieldProps } from "@/components/forms/form-feedback";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createAccountAndAccept } from "./actions";

export function CreateAccountForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(createAccountAndAccept, null);
  // Controlled so a refused submission keeps the name (React resets uncontrolled forms).
  const [name, setName] = useState("");
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="token" value={token} />
      <div className="grid gap-2">
        <Label htmlFor="invite-email">Email</Label>
        <Input id="invite-email" type="email" value={email} autoComplete="username" readOnly />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="name">Your name</Label>
        <Input
          {...fieldProps(state, "name")}
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <FieldError state={state} name="name" />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          {...fieldProps(state, "password")}
          type="password"
          autoComplete="new-password"
          required
        />
        <p className="text-muted-foreground text-xs">At least 12 characters.</p>
        <FieldError state={state} name="password" />
      </div>
      <FormError state={state} />
      <SubmitButton pendingText="Joining…">Create account and join</SubmitButton>
    </form>
  );
}
