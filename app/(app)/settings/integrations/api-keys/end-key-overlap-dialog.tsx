"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { useRunAction } from "@/components/forms/use-run-action";
import type { KeyView } from "@/lib/keys/view";
import { endKeyOverlap } from "../actions";
import { LocalTime } from "./local-time";

export function EndKeyOverlapDialog({
  apiKey,
  open,
  onOpenChange,
}: {
  apiKey: KeyView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const [pending, run] = useRunAction();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`End the overlap of ${apiKey.name}?`}
      description={
        <>
          The previous key stops working now instead of on{" "}
          <LocalTime iso={apiKey.overlapEndsAt} fallback="its expiry" />. Integrations still using
          it will fail; the current key keeps working.
        </>
      }
      confirm="End overlap now"
      confirming="Ending overlap…"
      pending={pending}
      onConfirm={() =>
        run(endKeyOverlap, { keyId: apiKey.id }, () => {
          onOpenChange(false);
          router.refresh();
        })
      }
    />
  );
}
