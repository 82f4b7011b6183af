import type { AuditAction } from "@/db/schema";

/**
 * Every audit event the product writes, with the action it shows as. The writer accepts only these
 * names and the audit log's filters are built from the same list.
 */
export const auditEventCatalogue = {
  "member.added": "create",
  "member.role_changed": "update",
  "member.removed": "delete",
  "member.invited": "create",
  "member.invitation_resent": "update",
  "member.invitation_revoked": "delete",
  // The invitee joins: the membership is created.
  "member.invitation_accepted": "create",
  "organization.created": "create",
  "team.created": "create",
  "team.renamed": "update",
  "team.member_added": "update",
  "team.member_removed": "update",
  "team.deleted": "delete",
  "api_key.created": "create",
  "api_key.renamed": "update",
  "api_key.apis_changed": "update",
  "api_key.team_changed": "update",
  "api_key.ip_allowlist_changed": "update",
  "api_key.rate_limit_changed": "update",
  "api_key.regenerated": "update",
  // An overlap ended early: the previous secret stops before its expiry.
  "api_key.overlap_ended": "update",
  "api_key.expiry_changed": "update",
  "api_key.revoked": "delete",
  // Revoked because a signed leak report found it in public (POST /api/security/leaks).
  "api_key.leaked": "delete",
  // The expiry sweep moved an expired key to the archive.
  "api_key.expired": "delete",
  "oauth_client.created": "create",
  "oauth_client.secret_rotated": "update",
  "oauth_client.apis_changed": "update",
  "oauth_client.ip_allowlist_changed": "update",
  "oauth_client.rate_limit_changed": "update",
  // An overlap ended early: the previous secret (and its tokens) stop before their expiry.
  "oauth_client.overlap_ended": "update",
  "oauth_client.expiry_changed": "update",
  "oauth_client.revoked": "delete",
  "oauth_client.leaked": "delete",
  // The expiry sweep ended an expired client.
  "oauth_client.expired": "delete",
  // An export creates a report (a new artefact sent or downloaded); it changes no existing record,
  // so "create" is the honest one of the three actions the log shows.
  "audit_log.exported": "create",
  // A later note on that report: emailing it failed after the request had been answered.
  "audit_log.export_failed": "update",
} as const satisfies Record<string, AuditAction>;

export type AuditEventName = keyof typeof auditEventCatalogue;

export const auditActions: readonly AuditAction[] = ["create", "update", "delete"];

export const auditActionLabels: Record<AuditAction, string> = {
  create: "Create",
  update: "Update",
  delete: "Delete",
};
