"use client";

import { useActionState, useState } from "react";
import { FieldError, FormError, fieldProps } from "@/components/forms/form-feedback";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { logIn } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState(logIn, null);
  const [email, setEmail] = useState("");
  return (
    <form action={action} className="grid gap-4">
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <div className="grid gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          {...fieldProps(state, "email")}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <FieldError state={state} name="email" />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          {...fieldProps(state, "password")}
          type="password"
          autoComplete="current-password"
          required
        />
        <FieldError state={state} name="password" />
      </div>
      {/* Field errors speak for themselves; the form-level message is for everything else. */}
      {!(state && !state.ok && state.fieldErrors) && <FormError state={state} />}
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
