"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import type { ActionState } from "@/lib/actions/safe-action";

export async function logIn(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const redirectTo = safeRedirect(formData.get("callbackUrl"));
  try {
    await signIn("credentials", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo,
    });
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof AuthError) {
      // Same message whether the email or the password was wrong: nothing else is revealed.
      return { ok: false, code: "unauthenticated", message: "Incorrect email or password." };
    }
    throw error;
  }
}

// Only a path on this site is kept: the host of an absolute callback URL is dropped, so it can
// never become an open redirect.
function safeRedirect(value: FormDataEntryValue | null): string {
  const fallback = "/settings/integrations";
  if (typeof value !== "string" || !value) return fallback;
  try {
    const url = new URL(value, "http://localhost");
    const path = `${url.pathname}${url.search}`;
    return path.startsWith("/") && !path.startsWith("//") && path !== "/login" ? path : fallback;
  } catch {
    return fallback;
  }
}
