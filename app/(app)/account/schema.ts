import { z } from "zod";
import { setupSchema } from "@/app/(auth)/setup/schema";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    // The same rules as the owner's password at setup.
    newPassword: setupSchema.shape.password,
    confirmPassword: z.string().min(1, "Enter the new password again.").max(200),
  })
  .refine((v) => v.confirmPassword === v.newPassword, {
    path: ["confirmPassword"],
    error: "The two new passwords do not match.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    error: "Choose a password different from your current one.",
  });
