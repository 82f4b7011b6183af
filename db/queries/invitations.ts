import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "../client";
import { invitations, memberships, organizations, users, type Role } from "../schema";

const inviter = alias(users, "inviter");
const openInvitation = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
const emailIs = (email: string) => sql`lower(${invitations.email}) = lower(${email})`;

/**
 * The member of `orgId` with this email, if any. The invite action's only look-up of the email:
 * whether an account exists elsewhere is never asked, so the answer and the work are the same.
 */
export async function findMemberByEmail(orgId: string, email: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), sql`lower(${users.email}) = lower(${email})`));
  return row;
}

/** The open (neither accepted nor revoked) invitation of an email, locked for the transaction. */
export async function lockOpenInvitationByEmail(tx: Executor, orgId: string, email: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), emailIs(email), openInvitation))
    .for("update");
  return row;
}

/** One of the organization's open invitations by id, locked; another organization's reads as none. */
export async function lockOpenInvitation(tx: Executor, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), openInvitation))
    .for("update");
  return row;
}

export async function insertInvitation(
  tx: Executor,
  values: {
    orgId: string;
    email: string;
    role: Role;
    tokenDigest: string;
    invitedBy: string;
    expiresAt: Date;
  },
) {
  const [row] = await tx.insert(invitations).values(values).returning();
  return row!;
}

/** A new link for an open invitation: the previous token's digest is overwritten, so it dies. */
export async function renewInvitation(
  tx: Executor,
  id: string,
  values: { tokenDigest: string; expiresAt: Date; role?: Role; invitedBy?: string },
) {
  const [row] = await tx
    .update(invitations)
    .set({ ...values, sentAt: sql`now()` })
    .where(eq(invitations.id, id))
    .returning();
  return row!;
}

export async function markInvitationRevoked(tx: Executor, id: string) {
  await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(eq(invitations.id, id));
}

export async function markInvitationAccepted(tx: Executor, id: string, userId: string) {
  await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()`, acceptedBy: userId })
    .where(eq(invitations.id, id));
}

/** The Members screen's list: open invitations, expired ones included (they can be re-sent). */
export async function listOpenInvitations(orgId: string, db: Executor = getDb()) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      sentAt: invitations.sentAt,
      expiresAt: invitations.expiresAt,
      invitedByName: inviter.name,
    })
    .from(invitations)
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(and(eq(invitations.orgId, orgId), openInvitation))
    .orderBy(asc(invitations.createdAt));
}

/**
 * The invitation a link's token digest names, with its organization and inviter, for the accept
 * page and actions. `lock` holds the row until the transaction ends: accept, revoke and resend
 * of one invitation serialise on it.
 */
export async function findInvitationByDigest(
  digest: string,
  opts: { lock?: boolean } = {},
  db: Executor = getDb(),
) {
  const query = db
    .select({
      invitation: invitations,
      org: { id: organizations.id, name: organizations.name },
      invitedByName: inviter.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(eq(invitations.tokenDigest, digest));
  const [row] = opts.lock ? await query.for("update", { of: invitations }) : await query;
  return row;
}
