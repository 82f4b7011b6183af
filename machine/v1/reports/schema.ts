import { z } from "zod";

export const reportQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: "from must be an ISO 8601 date-time." }).optional(),
    to: z.iso.datetime({ offset: true, error: "to must be an ISO 8601 date-time." }).optional(),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    message: "from must be before to.",
    path: ["from"],
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const reportSchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    total: z.int(),
    events: z.array(
      z.object({
        event: z.string(),
        count: z.int(),
        first: z.iso.datetime({ offset: true }).nullable(),
        last: z.iso.datetime({ offset: true }).nullable(),
      }),
    ),
  })
  .meta({ id: "Report" });
