import { formatDateTime12h } from "@/lib/format-time";

/** A date and time in the viewer's locale; "Never" for none. */
export function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted-foreground">Never</span>;
  return (
    <time dateTime={iso} className="whitespace-normal">
      {formatDateTime12h(new Date(iso))}
    </time>
  );
}
