"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { failure, refuseCrossSiteCall, type ActionState } from "@/lib/actions/safe-action";
import { SignInThrottled } from "@/lib/auth/credentials";
import { throttledMessage } from "@/lib/auth/sign-in-throttle";
import { formFields, validationFailure } from "@/lib/actions/form-input";
import { credentialsSchema } from "@/lib/auth/credentials-schema";

export async function logIn(_prev: ActionState, input: unknown): Promise<ActionState> {
  try {
    // Another website must not sign a browser in to an account of its choosing.
    await refuseCrossSiteCall();
  } catch (error) {
    return failure(error);
  }
  const fields = formFields(input);
  const parsed = credentialsSchema.safeParse(fields);
  if (!parsed.success) return validationFailure(parsed.error, "Enter your email and password.");
  try {
    await signIn("credentials", {
      ...parsed.data,
      redirectTo: safeRedirect(fields.callbackUrl),
    });
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof SignInThrottled) {
      return {
        ok: false,
        code: "rate_limited",
        message: throttledMessage(error.retryAfterSeconds),
      };
    }
    if (error instanceof AuthError) {
      // Same message whether the email or the password was wrong: nothing else is revealed.
      return { ok: false, code: "unauthenticated", message: "Incorrect email or password." };
    }
    throw error;
  }
}

// Only a path on this site is kept: the host of an absolute callback URL is dropped, so it can
// never become an open redirect.
function safeRedirect(value: unknown): string {
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
