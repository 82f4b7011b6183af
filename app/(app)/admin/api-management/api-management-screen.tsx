"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RevealedCredentials } from "./actions";
import { ClientsTable, type ClientRow } from "./clients-table";
import { CredentialsReveal } from "./credentials-reveal";

// The form (fields, checkboxes, date handling) loads when ADD CLIENT is chosen, or when the button
// is pointed at or focused: the list itself only needs the button.
const loadForm = () => import("./add-client-form");
const AddClientForm = dynamic(() => loadForm().then((m) => m.AddClientForm));
const preloadForm = () => void loadForm();

type View =
  | { kind: "list" }
  | { kind: "add" }
  | { kind: "reveal"; credentials: RevealedCredentials; title: string };

export function ApiManagementScreen({
  clients,
  enterprise,
  salesEmail,
}: {
  clients: ClientRow[];
  enterprise: boolean;
  salesEmail: string;
}) {
  const router = useRouter();
  const [view, setView] = useState<View>({ kind: "list" });
  const backToList = () => {
    setView({ kind: "list" });
    router.refresh();
  };

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-muted-foreground text-sm">
        <Link href="/admin" className="hover:text-foreground underline-offset-4 hover:underline">
          Admin
        </Link>{" "}
        <span aria-hidden>›</span> <span aria-current="page">API Management</span>
      </nav>
      {view.kind === "add" && (
        <AddClientForm
          onCancel={() => setView({ kind: "list" })}
          onCreated={(credentials) =>
            setView({
              kind: "reveal",
              credentials,
              title: "Client credentials generated successfully",
            })
          }
        />
      )}
      {view.kind === "reveal" && (
        <CredentialsReveal
          key={view.credentials.clientSecret}
          credentials={view.credentials}
          title={view.title}
          onDone={backToList}
        />
      )}
      {view.kind === "list" && (
        <section aria-labelledby="api-management-heading" className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-4">
            <div>
              <h1 id="api-management-heading" className="text-2xl font-semibold">
                API Management
              </h1>
              <p className="text-muted-foreground text-sm">
                OAuth clients exchange their client ID and secret for access tokens at{" "}
                <code>/api/oauth/token</code>.
              </p>
            </div>
            <Button
              onPointerEnter={preloadForm}
              onFocus={preloadForm}
              onClick={() => setView({ kind: "add" })}
            >
              ADD CLIENT
            </Button>
          </div>
          {!enterprise && (
            <Alert>
              <AlertTitle>This feature is only available for Enterprise customers</AlertTitle>
              <AlertDescription>
                Clients of this organization cannot obtain access tokens until it is on the
                Enterprise plan. Contact <a href={`mailto:${salesEmail}`}>{salesEmail}</a>.
              </AlertDescription>
            </Alert>
          )}
          <ClientsTable
            clients={clients}
            onRotated={(credentials) =>
              setView({ kind: "reveal", credentials, title: "New client secret generated" })
            }
          />
        </section>
      )}
    </div>
  );
}
