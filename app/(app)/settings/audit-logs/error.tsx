"use client";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function AuditLogsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <Alert variant="destructive">
      <AlertTitle>The audit log could not be loaded</AlertTitle>
      <AlertDescription className="space-y-3">
        <p>
          Something went wrong while reading the audit log. Your filters are kept in the address.
        </p>
        <Button variant="outline" onClick={() => reset()}>
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}
