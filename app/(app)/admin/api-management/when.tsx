import { format } from "date-fns";

/** A date and time in the viewer's locale; "Never" for none. */
export function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted-foreground">Never</span>;
  return (
    <time dateTime={iso} className="whitespace-normal">
      {format(new Date(iso), "PP p")}
    </time>
  );
}
