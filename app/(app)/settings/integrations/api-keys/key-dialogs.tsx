"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import {
  AccessRuleFields,
  accessRuleFieldValues,
  type AccessRuleFieldValues,
} from "@/components/credentials/access-rule-fields";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useWithPageOrg } from "@/components/forms/page-org";
import type { ActionFailure } from "@/lib/actions/safe-action";
import { overlapOptions, type OverlapId } from "@/lib/keys/lifecycle";
import type { KeyView } from "@/lib/keys/view";
import { endKeyOverlap, regenerateApiKey, revokeApiKey, updateApiKey } from "../actions";
import { initialExpiry } from "@/components/expiry-field";
import { KeyFields, keyInput, type KeyFieldValues, type TeamOption } from "./key-fields";
import { KeyRevealDialog, type Revealed } from "./key-reveal-dialog";
import { LocalTime } from "./local-time";

export type KeyDialog = "edit" | "regenerate" | "revoke" | "end-overlap";

/**
 * The Edit, Regenerate, Revoke and End overlap dialogs of one key, shared by the list and the
 * details page.
 */
export function KeyDialogs({
  apiKey,
  open,
  onOpenChange,
  teams,
  onRevoked,
}: {
  apiKey: KeyView;
  open: KeyDialog | null;
  onOpenChange: (dialog: KeyDialog | null) => void;
  teams: TeamOption[];
  onRevoked?: () => void;
}) {
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const close = (next: boolean) => !next && onOpenChange(null);
  return (
    <>
      {open === "edit" && <EditKeyDialog apiKey={apiKey} teams={teams} onOpenChange={close} />}
      <RegenerateKeyDialog
        apiKey={apiKey}
        open={open === "regenerate"}
        onOpenChange={close}
        onRegenerated={(key) => {
          onOpenChange(null);
          setRevealed({ name: apiKey.name, key, regenerated: true });
        }}
      />
      <RevokeKeyDialog
        apiKey={apiKey}
        open={open === "revoke"}
        onOpenChange={close}
        onRevoked={onRevoked}
      />
      <EndOverlapDialog apiKey={apiKey} open={open === "end-overlap"} onOpenChange={close} />
      <KeyRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}

function EditKeyDialog({
  apiKey,
  teams,
  onOpenChange,
}: {
  apiKey: KeyView;
  teams: TeamOption[];
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<KeyFieldValues>({
    name: apiKey.name,
    teamId: apiKey.teamId ?? "",
    apis: apiKey.apis,
    expiry: initialExpiry(apiKey.expiresAt),
  });
  const [access, setAccess] = useState<AccessRuleFieldValues>(() => accessRuleFieldValues(apiKey));
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, startTransition] = useTransition();
  const withPageOrg = useWithPageOrg();
  const submit = () =>
    startTransition(async () => {
      const result = await updateApiKey(
        null,
        withPageOrg({ keyId: apiKey.id, ...keyInput(values), ...access }),
      );
      if (!result.ok) {
        setFailure(result);
        return;
      }
      toast.success(result.message);
      onOpenChange(false);
      router.refresh();
    });
  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit key details</DialogTitle>
          <DialogDescription>
            Change the name, team, APIs, expiration or access restrictions of {apiKey.name}. The key
            itself stays the same.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <KeyFields
            idPrefix="edit"
            values={values}
            onChange={setValues}
            teams={teams}
            errors={failure?.fieldErrors}
            currentExpiry={apiKey.expiresAt}
          />
          <AccessRuleFields
            idPrefix="edit"
            values={access}
            onChange={setAccess}
            errors={failure?.fieldErrors}
          />
          {failure && !failure.fieldErrors && (
            <p role="alert" className="text-destructive text-sm">
              {failure.message}
            </p>
          )}
          <DialogFooter>
            <Button type="submit" disabled={pending || values.apis.length === 0}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function RegenerateKeyDialog({
  apiKey,
  open,
  onOpenChange,
  onRegenerated,
}: {
  apiKey: KeyView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRegenerated: (key: string) => void;
}) {
  const router = useRouter();
  const [overlap, setOverlap] = useState<OverlapId>("now");
  const [pending, startTransition] = useTransition();
  const withPageOrg = useWithPageOrg();
  const window = overlapOptions.find((o) => o.id === overlap)!;
  const submit = () =>
    startTransition(async () => {
      const result = await regenerateApiKey(
        null,
        withPageOrg({ keyId: apiKey.id, secretId: apiKey.secretId ?? "", overlap }),
      );
      if (!result.ok) {
        toast.error(result.message);
        // Someone else changed the key: show what it is now, so the next attempt can succeed.
        if (result.code === "conflict") router.refresh();
        return;
      }
      setOverlap("now");
      onRegenerated(result.data.key);
      router.refresh();
    });
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Regenerate {apiKey.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            {overlap === "now"
              ? "A new key will replace this one. The old key will stop working immediately."
              : `A new key will replace this one. The old key will keep working for ${window.label}, then stop.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <div className="grid gap-2">
          <Label htmlFor={`overlap-${apiKey.id}`}>Old key stops working</Label>
          <NativeSelect
            id={`overlap-${apiKey.id}`}
            value={overlap}
            onChange={(e) => setOverlap(e.target.value as OverlapId)}
          >
            {overlapOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id === "now" ? o.label : `After ${o.label}`}
              </option>
            ))}
          </NativeSelect>
        </div>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button onClick={submit} disabled={pending}>
            {pending ? "Regenerating…" : "Regenerate key"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function RevokeKeyDialog({
  apiKey,
  open,
  onOpenChange,
  onRevoked,
}: {
  apiKey: KeyView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRevoked?: () => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const withPageOrg = useWithPageOrg();
  const submit = () =>
    startTransition(async () => {
      const result = await revokeApiKey(null, withPageOrg({ keyId: apiKey.id }));
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(result.message);
      onOpenChange(false);
      if (onRevoked) onRevoked();
      else router.refresh();
    });
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke {apiKey.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            This action cannot be undone. Once revoked, any integration using this key will stop
            working instantly. The key moves to the archived keys.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button variant="destructive" onClick={submit} disabled={pending}>
            {pending ? "Revoking…" : "Revoke"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function EndOverlapDialog({
  apiKey,
  open,
  onOpenChange,
}: {
  apiKey: KeyView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const withPageOrg = useWithPageOrg();
  const submit = () =>
    startTransition(async () => {
      const result = await endKeyOverlap(null, withPageOrg({ keyId: apiKey.id }));
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(result.message);
      onOpenChange(false);
      router.refresh();
    });
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>End the overlap of {apiKey.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            The previous key stops working now instead of on{" "}
            <LocalTime iso={apiKey.overlapEndsAt} fallback="its expiry" />. Integrations still using
            it will fail; the current key keeps working.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button variant="destructive" onClick={submit} disabled={pending}>
            {pending ? "Ending overlap…" : "End overlap now"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
