"use client";

import { Plus, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AccessRuleFields, emptyAccessRules } from "@/components/credentials/access-rule-fields";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { DialogForm } from "@/components/forms/dialog-form";
import { useRunAction } from "@/components/forms/use-run-action";
import type { ActionFailure } from "@/lib/actions/safe-action";
import { apiIds } from "@/lib/api-catalogue";
import { DEFAULT_KEY_NAME } from "@/lib/keys/lifecycle";
import { createApiKey } from "../actions";
import { initialExpiry } from "@/components/expiry-field";
import { KeyFields, keyInput, type KeyFieldValues, type TeamOption } from "./key-fields";
import { KeyRevealDialog, type Revealed } from "./key-reveal-dialog";

const initial = (): KeyFieldValues => ({
  name: DEFAULT_KEY_NAME,
  teamId: "",
  apis: [...apiIds],
  expiry: initialExpiry(),
});

export function GenerateKeyDialog({ teams }: { teams: TeamOption[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [access, setAccess] = useState(emptyAccessRules);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [pending, run] = useRunAction();

  const submit = () =>
    run(
      createApiKey,
      { ...keyInput(values), ...access },
      {
        silent: true,
        onFailure: setFailure,
        onSuccess: (data) => {
          setFailure(null);
          setOpen(false);
          setValues(initial());
          setAccess(emptyAccessRules());
          setRevealed({ name: data.name, key: data.key });
          router.refresh();
        },
      },
    );

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setFailure(null);
        }}
      >
        <DialogTrigger asChild>
          <Button>
            <Plus aria-hidden /> Generate API Key
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Generate API Key</DialogTitle>
            <DialogDescription>
              The key acts as you, limited to the APIs you select: what it creates appears as
              created by you.
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
      </Dialog>
      <KeyRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
