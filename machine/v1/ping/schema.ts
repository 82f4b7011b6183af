import { z } from "zod";

export const pingSchema = z.object({ ok: z.literal(true) }).meta({ id: "Ping" });
