import { format } from "date-fns";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { listOpenInvitations } from "@/db/queries/invitations";
import type { Role } from "@/db/schema";
import { InvitationActions } from "./invitation-actions";

type Props = {
  invitations: Awaited<ReturnType<typeof listOpenInvitations>>;
  viewerRole: Role;
  now: Date;
};

export function PendingInvitations({ invitations, viewerRole, now }: Props) {
  return (
    <section aria-labelledby="invitations-heading" className="space-y-3">
      <h3 id="invitations-heading" className="text-base font-semibold">
        Pending invitations
      </h3>
      {invitations.length === 0 ? (
        <p className="text-muted-foreground text-sm">No pending invitations.</p>
      ) : (
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Invited by</TableHead>
                <TableHead>Sent</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invitations.map((inv) => (
                <TableRow key={inv.id} data-testid={`invitation-row-${inv.email}`}>
                  <TableCell className="font-medium">{inv.email}</TableCell>
                  <TableCell className="capitalize">{inv.role}</TableCell>
                  <TableCell>{inv.invitedByName ?? "—"}</TableCell>
                  <TableCell>{format(inv.sentAt, "PP")}</TableCell>
                  <TableCell>
                    {inv.expiresAt <= now ? (
                      <Badge variant="outline">Expired</Badge>
                    ) : (
                      format(inv.expiresAt, "PP")
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    <InvitationActions
                      invitation={inv}
                      disabled={inv.role === "owner" && viewerRole !== "owner"}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
