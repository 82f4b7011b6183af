import { Badge } from "@/components/ui/badge";
import type { KeyView } from "@/lib/keys/view";

export function StatusBadges({ apiKey }: { apiKey: Pick<KeyView, "status" | "legacy"> }) {
  return (
    <span className="flex flex-wrap gap-1">
      {apiKey.status === "active" ? (
        <Badge variant="success">Active</Badge>
      ) : (
        <Badge variant="secondary">Archived</Badge>
      )}
      {apiKey.legacy && <Badge variant="warning">Legacy</Badge>}
    </span>
  );
}
