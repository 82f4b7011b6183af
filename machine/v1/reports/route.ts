import { subDays } from "date-fns";
import { eventCounts } from "@/db/queries/resources";
import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/responses";
import { reportQuerySchema } from "./schema";

/** Counts of ingested records per event over a range (default: the last 30 days). */
export const GET = apiRoute(
  { api: "reports", query: reportQuerySchema },
  async ({ principal, query }) => {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : subDays(to, 30);
    const events = await eventCounts(principal.orgId, { from, to });
    return json({
      from: from.toISOString(),
      to: to.toISOString(),
      total: events.reduce((sum, e) => sum + e.count, 0),
      events,
    });
  },
);
