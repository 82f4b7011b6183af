"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { accessRuleRows } from "@/components/credentials/access-rule-rows";
import { LastUsed } from "@/components/credentials/last-used";
import { OverlapCountdown } from "@/components/credentials/overlap-countdown";
import { Button } from "@/components/ui/button";
import { UsagePanel } from "@/components/usage/usage-panel";
import { accessLevel, apiLabel, isApiId } from "@/lib/api-catalogue";
import type { UsageSeries } from "@/lib/usage/series";
import type { RevealedCredentials } from "../actions";
import { ClientDialogs, type ClientDialog } from "../client-dialogs";
import { ClientStatusBadge } from "../client-status-badge";
import { When } from "../when";
import { ExpiresIn } from "@/components/expires-in";
import { CredentialsReveal } from "../credentials-reveal";

export type ClientDetailsView = {
  id: string;
  name: string;
  clientId: string;
  apis: string[];
  status: "Active" | "Revoked" | "Expired";
  createdAt: string;
  createdBy: string;
  secretRotatedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  lastUsedUserAgent: string | null;
  ipAllowlist: string[];
  rateLimitPerMinute: number | null;
  /** When the previous secret of an overlap rotation stops working, while it still works. */
  overlapEndsAt: string | null;
};

export function ClientDetails({
  client,
  usage,
}: {
  client: ClientDetailsView;
  usage: UsageSeries;
}) {
  const router = useRouter();
  const [dialog, setDialog] = useState<ClientDialog | null>(null);
  const [revealed, setRevealed] = useState<RevealedCredentials | null>(null);

  if (revealed) {
    return (
      <div className="mx-auto max-w-6xl">
        <CredentialsReveal
          key={revealed.clientSecret}
          credentials={revealed}
          title="New client secret generated"
          doneLabel="Back to client details"
          onDone={() => {
            setRevealed(null);
            router.refresh();
          }}
        />
      </div>
    );
  }

  const labels = client.apis.filter(isApiId).map(apiLabel).join(", ");
  const rows: [string, React.ReactNode][] = [
    [
      "Client ID",
      <span key="id" className="flex items-center gap-2">
        <code className="font-mono text-xs break-all" data-testid="client-id">
          {client.clientId}
        </code>
        <CopyButton value={client.clientId} label="Copy client ID" />
      </span>,
    ],
    ["APIs", `${accessLevel(client.apis)}: ${labels}`],
    ["Status", <ClientStatusBadge key="s" status={client.status} />],
    [
      "Expires",
      <span key="e">
        <When iso={client.expiresAt} />
        {client.expiresAt && client.status === "Active" && (
          <span className="text-muted-foreground">
            {" "}
            (<ExpiresIn iso={client.expiresAt} />)
          </span>
        )}
      </span>,
    ],
    ["Created", <When key="c" iso={client.createdAt} />],
    ["Created by", client.createdBy],
    ["Secret rotated", <When key="r" iso={client.secretRotatedAt} />],
    ...accessRuleRows(client),
    [
      "Last used",
      <LastUsed
        key="l"
        at={client.lastUsedAt}
        ip={client.lastUsedIp}
        userAgent={client.lastUsedUserAgent}
      />,
    ],
  ];
  if (client.overlapEndsAt && client.status === "Active") {
    rows.push([
      "Previous secret stops working",
      <span key="o" className="flex flex-wrap items-center gap-2">
        <When iso={client.overlapEndsAt} />
        <span className="text-muted-foreground">
          (<OverlapCountdown endsAt={client.overlapEndsAt} what="The previous secret" />)
        </span>
        <Button variant="outline" size="sm" onClick={() => setDialog("end-overlap")}>
          End overlap now
        </Button>
      </span>,
    ]);
  }
  if (client.revokedAt && client.status === "Revoked") {
    rows.push(["Revoked", <When key="v" iso={client.revokedAt} />]);
  }

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-muted-foreground text-sm">
        <Link href="/admin" className="hover:text-foreground underline-offset-4 hover:underline">
          Admin
        </Link>{" "}
        <span aria-hidden>›</span>{" "}
        <Link
          href="/admin/api-management"
          className="hover:text-foreground underline-offset-4 hover:underline"
        >
          API Management
        </Link>{" "}
        <span aria-hidden>›</span> <span aria-current="page">{client.name}</span>
      </nav>
      <section aria-labelledby="client-heading" className="space-y-4">
        <h1 id="client-heading" className="text-2xl font-semibold break-words">
          {client.name}
        </h1>
        <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          {rows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-muted-foreground">{term}</dt>
              <dd className="min-w-0">{value}</dd>
            </div>
          ))}
        </dl>
        {client.status === "Active" && (
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" onClick={() => setDialog("rotate")}>
              Rotate secret
            </Button>
            <Button variant="outline" onClick={() => setDialog("edit")}>
              Edit client
            </Button>
            <Button variant="destructive" onClick={() => setDialog("revoke")}>
              Revoke
            </Button>
          </div>
        )}
      </section>
      <UsagePanel usage={usage} credential={client.name} />
      <ClientDialogs
        client={client}
        open={dialog}
        onOpenChange={setDialog}
        onRotated={(credentials) => {
          setDialog(null);
          setRevealed(credentials);
        }}
      />
    </div>
  );
}
