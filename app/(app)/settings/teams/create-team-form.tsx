"use client";

import { useActionState, useState } from "react";
import { toast } from "sonner";
import { FieldError, FormError, fieldProps } from "@/components/forms/form-feedback";
import { PageOrgField } from "@/components/forms/page-org";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createTeam } from "./actions";

export function CreateTeamForm() {
  const [name, setName] = useState("");
  const [state, action] = useActionState(async (prev: unknown, formData: FormData) => {
    const result = await createTeam(prev, formData);
    if (result.ok) {
      toast.success(result.message);
      setName("");
    }
    return result;
  }, null);
  return (
    <form action={action} className="flex max-w-lg flex-wrap items-end gap-3">
      <PageOrgField />
      <div className="grid flex-1 gap-2">
        <Label htmlFor="name">Team name</Label>
        <Input
          {...fieldProps(state, "name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </div>
      <SubmitButton pendingText="Creating…">Create team</SubmitButton>
      <div className="basis-full">
        <FieldError state={state} name="name" />
        <FormError state={state} />
      </div>
    </form>
  );
}
