import type { Metadata } from "next";
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
import { listOpenInvitations } from "@/db/queries/invitations";
import { countActiveKeysByCreator } from "@/db/queries/member-keys";
import { listMembers } from "@/db/queries/memberships";
import { pageContext } from "@/lib/auth/page-context";
import { isAdmin } from "@/lib/roles";
import { InviteMemberDialog } from "./invitations/invite-member-dialog";
import { PendingInvitations } from "./invitations/pending-invitations";
import { MemberActions } from "./member-actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const ctx = await pageContext();
  const canManage = isAdmin(ctx.role);
  const [members, invitations, keyCounts] = await Promise.all([
    listMembers(ctx.org.id),
    canManage ? listOpenInvitations(ctx.org.id) : [],
    canManage ? countActiveKeysByCreator(ctx.org.id) : new Map<string, number>(),
  ]);
  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading" className="space-y-4">
        <div className="flex items-center justify-between gap-4">
          <div>
            <h2 id="members-heading" className="text-lg font-semibold">
              Members
            </h2>
            <p className="text-muted-foreground text-sm">
              {canManage
                ? "People in your organization and their roles. New people join by invitation."
                : "People in your organization. Only owners and admins can change members."}
            </p>
          </div>
          {canManage && <InviteMemberDialog canInviteOwner={ctx.role === "owner"} />}
        </div>
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Joined</TableHead>
                {canManage && <TableHead className="text-right">Actions</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <TableRow key={m.userId} data-testid={`member-row-${m.email}`}>
                  <TableCell className="font-medium">
                    {m.name}
                    {m.userId === ctx.user.id && (
                      <span className="text-muted-foreground"> (you)</span>
                    )}
                  </TableCell>
                  <TableCell>{m.email}</TableCell>
                  <TableCell>
                    <Badge
                      variant={m.role === "member" ? "secondary" : "outline"}
                      className="capitalize"
                    >
                      {m.role}
                    </Badge>
                  </TableCell>
                  <TableCell>{format(m.joinedAt, "PP")}</TableCell>
                  {canManage && (
                    <TableCell className="text-right">
                      <MemberActions
                        member={{ userId: m.userId, name: m.name, email: m.email, role: m.role }}
                        activeKeys={keyCounts.get(m.userId) ?? 0}
                        viewerIsOwner={ctx.role === "owner"}
                      />
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
      {canManage && (
        <PendingInvitations invitations={invitations} viewerRole={ctx.role} now={new Date()} />
      )}
    </div>
  );
}
