import { z } from "zod";
import { setupSchema } from "@/app/(auth)/setup/schema";

export const createOrganizationSchema = z.object({ name: setupSchema.shape.organization });
