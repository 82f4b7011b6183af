import { z } from "zod";
import { text, timestamp } from "../shared-schema";

export const queuePushBodySchema = z
  .strictObject({
    segmentId: z.uuid({ error: "segmentId must be a segment id." }).optional(),
    userIds: z
      .array(text("userIds item", 200), { error: "userIds must be an array of strings." })
      .min(1, "Give at least one user id.")
      .max(1000, "Give at most 1000 user ids.")
      .optional(),
    title: text("title", 100),
    body: text("body", 1000),
  })
  .refine((b) => (b.segmentId ? 1 : 0) + (b.userIds ? 1 : 0) === 1, {
    message: "Give either segmentId or userIds.",
    path: ["segmentId"],
  });

export type QueuePushBody = z.infer<typeof queuePushBodySchema>;
export { listQuerySchema as listPushQuerySchema } from "../shared-schema";

export const queuedPushSchema = z
  .object({ id: z.uuid(), status: z.string(), title: z.string(), createdAt: timestamp })
  .meta({ id: "QueuedPush" });

export const pushMessageSchema = z
  .object({
    id: z.uuid(),
    segmentId: z.uuid().nullable(),
    userIds: z.array(z.string()).nullable(),
    title: z.string(),
    body: z.string(),
    status: z.string().meta({ example: "queued" }),
    createdAt: timestamp,
  })
  .meta({ id: "PushMessage" });
