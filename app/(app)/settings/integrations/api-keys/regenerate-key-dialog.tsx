"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { OverlapSelect } from "@/components/credentials/overlap-select";
import { useRunAction } from "@/components/forms/use-run-action";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { overlapOptions, type OverlapId } from "@/lib/keys/lifecycle";
import type { KeyView } from "@/lib/keys/view";
import { regenerateApiKey } from "../actions";

export function RegenerateKeyDialog({
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
  const [pending, run] = useRunAction();
  const window = overlapOptions.find((o) => o.id === overlap)!;
  const submit = () =>
    run(
      regenerateApiKey,
      // the secret this screen shows: if someone has regenerated the key since, this is refused
      { keyId: apiKey.id, secretId: apiKey.secretId ?? "", overlap },
      {
        silent: true,
        onSuccess: (data) => {
          setOverlap("now");
          onRegenerated(data.key);
          router.refresh();
        },
        onFailure: (failure) => {
          toast.error(failure.message);
          // Someone else changed the key: show what it is now, so the next attempt can succeed.
          if (failure.code === "conflict") router.refresh();
        },
      },
    );
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
        <OverlapSelect
          id={`overlap-${apiKey.id}`}
          label="Old key stops working"
          value={overlap}
          onChange={setOverlap}
        />
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
