import type { ApiId } from "@/lib/api-catalogue";
import type { AuditActor } from "@/lib/audit/write";

/** Who a public API request acts as, whatever credential it presented. */
export type Principal = {
  kind: "api_key" | "oauth_client";
  orgId: string;
  apis: ApiId[];
  /** The API key's or OAuth client's id. */
  credentialId: string;
  /** The key's or client's name. */
  name: string;
  /** The user a key acts as; null for OAuth clients. */
  userId: string | null;
  actor: AuditActor;
  org: { id: string; name: string; slug: string };
  user: { id: string; email: string; name: string } | null;
};
