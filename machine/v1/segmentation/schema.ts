import { z } from "zod";
import { text, timestamp } from "../shared-schema";

const segmentRuleSchema = z.strictObject({
  property: text("property", 100),
  operator: z.enum(["eq", "neq", "gt", "lt", "contains", "exists"], {
    error: "operator must be one of eq, neq, gt, lt, contains, exists.",
  }),
  value: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
});

export const createSegmentBodySchema = z.strictObject({
  name: text("name", 100),
  rules: z
    .array(segmentRuleSchema, { error: "rules must be an array." })
    .min(1, "Give at least one rule.")
    .max(50, "Give at most 50 rules."),
});

export type CreateSegmentBody = z.infer<typeof createSegmentBodySchema>;
export { listQuerySchema as listSegmentsQuerySchema } from "../shared-schema";

export const segmentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    rules: z.array(segmentRuleSchema),
    createdAt: timestamp,
  })
  .meta({ id: "Segment" });
