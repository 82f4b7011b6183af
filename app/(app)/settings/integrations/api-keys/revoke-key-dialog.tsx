"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { useRunAction } from "@/components/forms/use-run-action";
import type { KeyView } from "@/lib/keys/view";
import { revokeApiKey } from "../actions";

export function RevokeKeyDialog({
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
  const [pending, run] = useRunAction();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Revoke ${apiKey.name}?`}
      description="This action cannot be undone. Once revoked, any integration using this key will stop working instantly. The key moves to the archived keys."
      confirm="Revoke"
      confirming="Revoking…"
      pending={pending}
      onConfirm={() =>
        run(revokeApiKey, { keyId: apiKey.id }, () => {
          onOpenChange(false);
          if (onRevoked) onRevoked();
          else router.refresh();
        })
      }
    />
  );
}
