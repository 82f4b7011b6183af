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
import { listMembers } from "@/db/queries/memberships";
import { pageContext } from "@/lib/auth/page-context";
import { isAdmin } from "@/lib/roles";
import { AddMemberDialog } from "./add-member-dialog";
import { MemberActions } from "./member-actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const ctx = await pageContext();
  const members = await listMembers(ctx.org.id);
  const canManage = isAdmin(ctx.role);
  return (
    <section aria-labelledby="members-heading" className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h2 id="members-heading" className="text-lg font-semibold">
            Members
          </h2>
          <p className="text-muted-foreground text-sm">
            {canManage
              ? "People in your organization and their roles."
              : "People in your organization. Only owners and admins can change members."}
          </p>
        </div>
        {canManage && <AddMemberDialog canGrantOwner={ctx.role === "owner"} />}
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
  );
}
