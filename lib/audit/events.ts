import type { AuditAction } from "@/db/schema";

/**
 * Every audit event the product writes, with the action it shows as. The writer accepts only these
 * names and the audit log's filters are built from the same list.
 */
export const auditEventCatalogue = {
  "member.added": "create",
  "member.role_changed": "update",
  "member.removed": "delete",
  "team.created": "create",
  "team.renamed": "update",
  "team.member_added": "update",
  "team.member_removed": "update",
  "team.deleted": "delete",
  // An export creates a report (a new artefact sent or downloaded); it changes no existing record,
  // so "create" is the honest one of the three actions the log shows.
  "audit_log.exported": "create",
} as const satisfies Record<string, AuditAction>;

export type AuditEventName = keyof typeof auditEventCatalogue;

export const auditActions: readonly AuditAction[] = ["create", "update", "delete"];

export const auditActionLabels: Record<AuditAction, string> = {
  create: "Create",
  update: "Update",
  delete: "Delete",
};
