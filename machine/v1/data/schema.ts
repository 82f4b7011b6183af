import { z } from "zod";
import { text, timestamp } from "../shared-schema";

export const MAX_RECORDS_PER_BATCH = 500;

const dataRecordSchema = z.strictObject({
  event: text("event", 100),
  properties: z
    .record(z.string(), z.unknown(), { error: "properties must be an object." })
    .default({}),
  occurredAt: z.iso
    .datetime({ offset: true, error: "occurredAt must be an ISO 8601 date-time." })
    .optional(),
});

export const ingestDataBodySchema = z.strictObject({
  records: z
    .array(dataRecordSchema, { error: "records must be an array." })
    .min(1, "Send at least one record.")
    .max(MAX_RECORDS_PER_BATCH, `Send at most ${MAX_RECORDS_PER_BATCH} records at once.`),
});

export const listDataQuerySchema = z.object({
  event: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type IngestDataBody = z.infer<typeof ingestDataBodySchema>;

export const ingestResultSchema = z
  .object({ accepted: z.int().meta({ description: "How many records were stored." }) })
  .meta({ id: "IngestResult" });

export const storedDataRecordSchema = z
  .object({
    id: z.uuid(),
    event: z.string(),
    properties: z.record(z.string(), z.unknown()),
    occurredAt: timestamp,
    receivedAt: timestamp,
  })
  .meta({ id: "DataRecord" });
