"use client";

import { Check, Copy, TriangleAlert } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { CodeSnippet } from "@/components/code-snippet";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export type Revealed = { name: string; key: string; regenerated?: boolean };

/**
 * Shows a key in full, once. Closing it before the key was copied (Done, Escape, the close button,
 * a click outside, or leaving the page) asks for confirmation first.
 */
export function KeyRevealDialog({
  revealed,
  onClose,
}: {
  revealed: Revealed | null;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const open = revealed !== null;

  useEffect(() => {
    if (!open || copied) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [open, copied]);

  const finish = () => {
    setCopied(false);
    setConfirming(false);
    onClose();
  };
  const requestClose = () => (copied ? finish() : setConfirming(true));

  const copy = async () => {
    if (!revealed) return;
    try {
      await navigator.clipboard.writeText(revealed.key);
      setCopied(true);
    } catch {
      toast.error("Could not copy. Select the key and copy it yourself.");
    }
  };

  return (
    <>
      <Dialog open={open} onOpenChange={(next) => !next && requestClose()}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>
              {revealed?.regenerated ? "Your regenerated API key" : "Your new API key"}
            </DialogTitle>
            <DialogDescription>
              This is the only time you&apos;ll be able to see {revealed?.name ?? "this key"} in
              full. Copy it now and save it in a safe place, such as a password manager.
            </DialogDescription>
          </DialogHeader>
          <div className="grid min-w-0 gap-2">
            <Label htmlFor="revealed-key">API key</Label>
            <div className="flex gap-2">
              <Input
                id="revealed-key"
                readOnly
                value={revealed?.key ?? ""}
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
              <Button
                type="button"
                variant="outline"
                size="icon"
                aria-label={copied ? "Copied" : "Copy API key"}
                onClick={() => void copy()}
              >
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              </Button>
            </div>
            <p aria-live="polite" className="text-success text-sm">
              {copied ? "Copied" : ""}
            </p>
            <p className="text-muted-foreground flex gap-2 text-sm">
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              If you don&apos;t copy the key now, you&apos;ll have to revoke it and create a new
              one.
            </p>
            {revealed ? (
              <CodeSnippet
                label="curl example with this key"
                text={`curl ${window.location.origin}/api/v1/me \\\n  -H "Authorization: Bearer ${revealed.key}"`}
                onCopied={() => setCopied(true)}
              />
            ) : null}
          </div>
          <DialogFooter>
            <Button type="button" onClick={requestClose}>
              Done
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <AlertDialog open={confirming} onOpenChange={setConfirming}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Close without copying the key?</AlertDialogTitle>
            <AlertDialogDescription>
              You haven&apos;t copied the key. Once this dialog is closed it cannot be shown again:
              you&apos;ll have to revoke it and create a new one.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Go back</AlertDialogCancel>
            <AlertDialogAction onClick={finish}>Close without copying</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
