import { Badge } from "@/components/ui/badge";

/** The status badge of a client, on the list and its details page. */
export function ClientStatusBadge({ status }: { status: "Active" | "Revoked" | "Expired" }) {
  if (status === "Active") return <Badge variant="success">Active</Badge>;
  return <Badge variant={status === "Expired" ? "secondary" : "outline"}>{status}</Badge>;
}
