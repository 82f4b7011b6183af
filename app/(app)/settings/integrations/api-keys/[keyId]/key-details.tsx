"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { accessRuleRows } from "@/components/credentials/access-rule-rows";
import { LastUsed } from "@/components/credentials/last-used";
import { OverlapCountdown } from "@/components/credentials/overlap-countdown";
import { ExpiresIn } from "@/components/expires-in";
import { Button } from "@/components/ui/button";
import { UsagePanel } from "@/components/usage/usage-panel";
import { apiLabel, isApiId } from "@/lib/api-catalogue";
import type { KeyView } from "@/lib/keys/view";
import type { UsageSeries } from "@/lib/usage/series";
import { KeyDialogs, type KeyDialog } from "../key-dialogs";
import type { TeamOption } from "../key-fields";
import { LocalTime } from "../local-time";
import { StatusBadges } from "../status-badge";

export function KeyDetails({
  apiKey,
  teams,
  usage,
}: {
  apiKey: KeyView;
  teams: TeamOption[];
  usage: UsageSeries;
}) {
  const router = useRouter();
  const [dialog, setDialog] = useState<KeyDialog | null>(null);
  const editable = apiKey.status === "active" && !apiKey.legacy;
  const rows: [string, React.ReactNode][] = [
    [
      "Key",
      <code key="k" className="font-mono text-xs">
        {apiKey.masked}
      </code>,
    ],
    ["Access", `${apiKey.access}: ${apiKey.apis.filter(isApiId).map(apiLabel).join(", ")}`],
    ["Team", apiKey.teamName ?? "—"],
    ["Created by", apiKey.createdByName],
    ["Created", <LocalTime key="c" iso={apiKey.createdAt} />],
    [
      "Last used",
      <LastUsed
        key="l"
        at={apiKey.lastUsedAt}
        ip={apiKey.lastUsedIp}
        userAgent={apiKey.lastUsedUserAgent}
      />,
    ],
    ["Status", <StatusBadges key="s" apiKey={apiKey} />],
    [
      "Expires",
      <span key="e">
        <LocalTime iso={apiKey.expiresAt} />
        {apiKey.expiresAt && apiKey.status === "active" && (
          <span className="text-muted-foreground">
            {" "}
            (<ExpiresIn iso={apiKey.expiresAt} />)
          </span>
        )}
      </span>,
    ],
    ...accessRuleRows(apiKey),
  ];
  if (apiKey.overlapEndsAt) {
    rows.push([
      "Previous key stops working",
      <span key="o" className="flex flex-wrap items-center gap-2">
        <LocalTime iso={apiKey.overlapEndsAt} />
        <span className="text-muted-foreground">
          (<OverlapCountdown endsAt={apiKey.overlapEndsAt} what="The previous key" />)
        </span>
        {editable && (
          <Button variant="outline" size="sm" onClick={() => setDialog("end-overlap")}>
            End overlap now
          </Button>
        )}
      </span>,
    ]);
  }
  if (apiKey.archivedAt) rows.push(["Revoked", <LocalTime key="a" iso={apiKey.archivedAt} />]);
  return (
    <div className="space-y-4">
      <h2 id="key-heading" className="text-lg font-semibold">
        {apiKey.name}
      </h2>
      {apiKey.legacy && (
        <p className="bg-muted rounded-md p-3 text-sm" role="note">
          Legacy keys will be deprecated; create a new key and switch to it.
        </p>
      )}
      <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted-foreground">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {editable && (
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={() => setDialog("regenerate")}>
            Regenerate key
          </Button>
          <Button variant="outline" onClick={() => setDialog("edit")}>
            Edit key details
          </Button>
          <Button variant="destructive" onClick={() => setDialog("revoke")}>
            Revoke
          </Button>
        </div>
      )}
      <UsagePanel usage={usage} credential={apiKey.name} />
      <KeyDialogs
        apiKey={apiKey}
        open={dialog}
        onOpenChange={setDialog}
        teams={teams}
        onRevoked={() => router.push("/settings/integrations")}
      />
    </div>
  );
}
