import type { AuditAction } from "@/db/schema";

/** What the audit table shows of one event: plain data, safe to send to the browser. */
export type AuditRowView = {
  id: number;
  occurredAt: string;
  actor: { name: string; email: string | null; system: boolean };
  action: AuditAction;
  event: string;
  target: { type: string; name: string | null; id: string; href?: string };
  team: string | null;
  changed: string;
  ip: string | null;
};
