import { z } from "zod";

/** The email export takes the screen's current URL query, parsed by the same rules as the page. */
export const exportAuditLogsSchema = z.object({
  query: z.string().max(8000, "That filter is too long.").default(""),
});
