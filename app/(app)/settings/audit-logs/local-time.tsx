"use client";

import { format } from "date-fns";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A time in the viewer's own time zone. The server does not know that zone, so it renders the
 * UTC value and the browser replaces it; the exact UTC instant stays in the title.
 */
export function LocalTime({ iso }: { iso: string }) {
  const onClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {onClient
        ? format(date, "MMM d, yyyy HH:mm:ss")
        : `${iso.slice(0, 19).replace("T", " ")} UTC`}
    </time>
  );
}
