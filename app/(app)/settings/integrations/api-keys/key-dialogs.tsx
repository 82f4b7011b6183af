"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { KeyView } from "@/lib/keys/view";
import { EndKeyOverlapDialog } from "./end-key-overlap-dialog";
import type { TeamOption } from "./key-fields";
import { KeyRevealDialog, type Revealed } from "./key-reveal-dialog";
import { RegenerateKeyDialog } from "./regenerate-key-dialog";
import { RevokeKeyDialog } from "./revoke-key-dialog";

// The edit form (fields, checkboxes, date handling) loads when Edit is chosen.
const EditKeyDialog = dynamic(() => import("./edit-key-dialog").then((m) => m.EditKeyDialog));

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
      <EndKeyOverlapDialog apiKey={apiKey} open={open === "end-overlap"} onOpenChange={close} />
      <KeyRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
