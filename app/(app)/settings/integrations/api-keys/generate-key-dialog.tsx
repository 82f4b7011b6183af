"use client";

import { Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";
import type { ActionFailure } from "@/lib/actions/safe-action";
import type { TeamOption } from "./key-fields";
import { KeyRevealDialog, type Revealed } from "./key-reveal-dialog";

// The form (its fields, checkboxes and date handling) loads when the dialog first opens, or
// when its button is pointed at or focused: the page itself only needs the button.
const loadForm = () => import("./generate-key-form");
const GenerateKeyForm = dynamic(() => loadForm().then((m) => m.GenerateKeyForm));
const preloadForm = () => void loadForm();

export function GenerateKeyDialog({ teams }: { teams: TeamOption[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Kept once opened, so closing animates and what was typed is still there on reopening.
  const [opened, setOpened] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setOpened(true);
          else setFailure(null);
        }}
      >
        <DialogTrigger asChild>
          <Button onPointerEnter={preloadForm} onFocus={preloadForm}>
            <Plus aria-hidden /> Generate API Key
          </Button>
        </DialogTrigger>
        {opened && (
          <GenerateKeyForm
            teams={teams}
            failure={failure}
            onFailure={setFailure}
            onGenerated={(key) => {
              setFailure(null);
              setOpen(false);
              setRevealed(key);
              router.refresh();
            }}
          />
        )}
      </Dialog>
      <KeyRevealDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
