import { z } from "zod";
import { apiIds } from "@/lib/api-catalogue";
import { actingUserSchema } from "../shared-schema";

export const meSchema = z
  .object({
    organization: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
    credential: z.object({
      type: z.enum(["api_key", "oauth_client"]),
      id: z.string().meta({ description: "The API key's id, or the OAuth client's id." }),
      name: z.string(),
    }),
    user: actingUserSchema,
    client: z
      .object({ id: z.string() })
      .nullable()
      .meta({ description: "The OAuth client, when the credential is an access token." }),
    apis: z.array(z.enum(apiIds)),
  })
  .meta({ id: "Me" });
