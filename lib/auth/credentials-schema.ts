import { z } from "zod";

/** What the sign-in form sends: checked by its action and again by Auth.js's authorize(). */
export const credentialsSchema = z.object({
  email: z.email({ error: "Enter a valid email address." }).max(254).trim(),
  password: z.string().min(1, "Enter your password.").max(200),
});
