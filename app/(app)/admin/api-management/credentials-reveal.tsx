"use client";

import { CheckCircle2, KeyRound, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
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
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RevealedCredentials } from "./actions";
import { useLeaveGuard } from "./use-leave-guard";

const LEAVE_WARNING =
  "Once you leave this screen, the generated credentials will no longer be available. Please download them before navigating away from this page";

function downloadCredentials(c: RevealedCredentials) {
  // Exactly these three fields: the file is what integrators paste into their configuration.
  const body = JSON.stringify(
    { clientName: c.clientName, clientId: c.clientId, clientSecret: c.clientSecret },
    null,
    2,
  );
  const url = URL.createObjectURL(new Blob([body], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${c.clientName.replace(/[\\/:*?"<>|]/g, "_")}-credentials.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CredentialsReveal({
  credentials,
  title,
  onDone,
  doneLabel = "Back to API Management",
}: {
  credentials: RevealedCredentials;
  title: string;
  onDone: () => void;
  doneLabel?: string;
}) {
  const router = useRouter();
  const [downloaded, setDownloaded] = useState(false);
  const guard = useLeaveGuard(!downloaded, (href) => router.push(href));

  return (
    <section aria-labelledby="reveal-heading" className="max-w-3xl space-y-6">
      <div className="flex items-start gap-3">
        <CheckCircle2 className="text-success mt-1 size-6 shrink-0" aria-hidden />
        <div>
          <h1 id="reveal-heading" className="text-2xl font-semibold">
            {title}
          </h1>
          <p className="text-muted-foreground text-sm" role="status">
            Client credentials for {credentials.clientName} were generated successfully.
          </p>
        </div>
      </div>

      <Alert>
        <TriangleAlert aria-hidden />
        <AlertTitle>Important Note</AlertTitle>
        <AlertDescription data-testid="credentials-warning">{LEAVE_WARNING}</AlertDescription>
      </Alert>

      <dl className="bg-card grid gap-4 rounded-lg border p-4">
        <div className="grid gap-1">
          <dt className="text-muted-foreground text-sm">Client Name</dt>
          <dd className="font-medium">{credentials.clientName}</dd>
        </div>
        <div className="grid gap-1">
          <dt className="text-muted-foreground text-sm">Client ID</dt>
          <dd className="font-mono text-sm break-all" data-testid="revealed-client-id">
            {credentials.clientId}
          </dd>
        </div>
        <div className="grid gap-1">
          <dt className="text-muted-foreground text-sm">Client Secret</dt>
          <dd className="font-mono text-sm break-all" data-testid="revealed-client-secret">
            {credentials.clientSecret}
          </dd>
        </div>
      </dl>

      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="outline"
          size="icon"
          aria-label="Download credentials"
          title="Download credentials"
          onClick={() => {
            downloadCredentials(credentials);
            setDownloaded(true);
          }}
        >
          <KeyRound className="size-4" aria-hidden />
        </Button>
        <span className="text-muted-foreground text-sm" aria-live="polite">
          {downloaded ? "Credentials downloaded." : "Download the credentials as a JSON file."}
        </span>
        <Button className="ml-auto" onClick={() => guard.requestLeave(onDone)}>
          {doneLabel}
        </Button>
      </div>

      <AlertDialog open={guard.pending} onOpenChange={(open) => !open && guard.cancel()}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Leave without downloading?</AlertDialogTitle>
            <AlertDialogDescription>
              The client secret has not been downloaded. Once you leave this screen it can no longer
              be shown; you would have to rotate it to get a new one.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Stay on this page</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive hover:bg-destructive/90 text-white"
              onClick={guard.confirm}
            >
              Leave without downloading
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </section>
  );
}
