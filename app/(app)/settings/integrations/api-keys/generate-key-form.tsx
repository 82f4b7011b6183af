"use client";

import { TriangleAlert } from "lucide-react";
import { useState } from "react";
import { AccessRuleFields, emptyAccessRules } from "@/components/credentials/access-rule-fields";
import { initialExpiry } from "@/components/expiry-field";
import { DialogForm } from "@/components/forms/dialog-form";
import { useRunAction } from "@/components/forms/use-run-action";
import {
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ActionFailure } from "@/lib/actions/safe-action";
import { apiIds } from "@/lib/api-catalogue";
import { DEFAULT_KEY_NAME } from "@/lib/keys/lifecycle";
import { createApiKey } from "../actions";
import { KeyFields, keyInput, type KeyFieldValues, type TeamOption } from "./key-fields";

const initial = (): KeyFieldValues => ({
  name: DEFAULT_KEY_NAME,
  teamId: "",
  apis: [...apiIds],
  expiry: initialExpiry(),
});

/**
 * The Generate API Key dialog's content: its fields keep what was typed while the dialog is
 * closed, and start over once a key is generated. Loaded when the dialog first opens.
 */
export function GenerateKeyForm({
  teams,
  failure,
  onFailure,
  onGenerated,
}: {
  teams: TeamOption[];
  failure: ActionFailure | null;
  onFailure: (failure: ActionFailure) => void;
  onGenerated: (key: { name: string; key: string }) => void;
}) {
  const [values, setValues] = useState(initial);
  const [access, setAccess] = useState(emptyAccessRules);
  const [pending, run] = useRunAction();

  const submit = () =>
    run(
      createApiKey,
      { ...keyInput(values), ...access },
      {
        silent: true,
        onFailure,
        onSuccess: (data) => {
          setValues(initial());
          setAccess(emptyAccessRules());
          onGenerated({ name: data.name, key: data.key });
        },
      },
    );

  return (
    <DialogContent>
      <DialogHeader>
        <DialogTitle>Generate API Key</DialogTitle>
        <DialogDescription>
          The key acts as you, limited to the APIs you select: what it creates appears as created by
          you.
        </DialogDescription>
      </DialogHeader>
      <DialogForm
        onSubmit={submit}
        failure={failure}
        pending={pending}
        disabled={values.apis.length === 0}
        submit="Generate API Key"
        submitting="Generating…"
      >
        <KeyFields
          idPrefix="generate"
          values={values}
          onChange={setValues}
          teams={teams}
          errors={failure?.fieldErrors}
        />
        <AccessRuleFields
          idPrefix="generate"
          values={access}
          onChange={setAccess}
          errors={failure?.fieldErrors}
        />
        <p className="bg-muted flex gap-2 rounded-md p-3 text-sm" role="note">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          You&apos;ll only be able to see the key once, right after it is generated. Copy it and
          keep it somewhere safe.
        </p>
      </DialogForm>
    </DialogContent>
  );
}
