"use client";

import { useSyncExternalStore } from "react";
import { formatDateTimeSeconds } from "@/lib/format-time";

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
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {onClient
        ? formatDateTimeSeconds(new Date(iso))
        : `${iso.slice(0, 19).replace("T", " ")} UTC`}
    </time>
  );
}
