"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { getDb } from "@/db/client";
import { changePasswordHash, endSessions } from "@/db/queries/users";
import { fieldFailure, formFields, validationFailure } from "@/lib/actions/form-input";
import {
  failure,
  ok,
  refuseCrossSiteCall,
  type ActionResult,
  type ActionState,
} from "@/lib/actions/safe-action";
import { requireUser } from "@/lib/auth/authorize";
import { requestMeta } from "@/lib/auth/request-context";
import { throttledMessage, throttledPasswordCheck } from "@/lib/auth/sign-in-throttle";
import { AppError, unauthenticated } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/password";
import { signOutAction } from "../actions";
import { changePasswordSchema } from "./schema";

/**
 * Changes the signed-in person's password after checking the current one (throttled like
 * sign-in), ends every other session and keeps this one signed in.
 */
export async function changePassword(
  _prev: ActionState,
  submitted: unknown,
): Promise<ActionResult> {
  let email: string;
  let newPassword: string;
  try {
    await refuseCrossSiteCall();
    const user = await requireUser();
    const parsed = changePasswordSchema.safeParse(formFields(submitted));
    if (!parsed.success) return validationFailure(parsed.error);
    const { ip } = await requestMeta();
    const check = await throttledPasswordCheck(user.email, ip, () =>
      verifyPassword(parsed.data.currentPassword, user.passwordHash),
    );
    if (!check.ok && check.retryAfterSeconds) {
      return {
        ok: false,
        code: "rate_limited",
        message: throttledMessage(check.retryAfterSeconds),
      };
    }
    if (!check.ok) return fieldFailure("currentPassword", "Your current password is incorrect.");
    const passwordHash = await hashPassword(parsed.data.newPassword);
    // Refused if this session was ended meanwhile (signed out everywhere from another device).
    const changed = await changePasswordHash(getDb(), user.id, user.sessionVersion, passwordHash);
    if (changed === undefined) throw unauthenticated();
    email = user.email;
    newPassword = parsed.data.newPassword;
  } catch (error) {
    return failure(error);
  }
  // Raising the session version ended every session, this one included; signing this browser in
  // again with the new password gives it a session of the new version.
  try {
    await signIn("credentials", { email, password: newPassword, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) redirect("/login");
    throw error;
  }
  return ok("Password changed. You were signed out everywhere else.");
}

/** Ends every session of the signed-in person, this one included, and goes back to /login. */
export async function signOutEverywhere(): Promise<ActionResult> {
  try {
    await refuseCrossSiteCall();
  } catch (error) {
    return failure(error);
  }
  try {
    const user = await requireUser();
    await endSessions(getDb(), user.id);
  } catch (error) {
    // A session that had already ended has nothing left to end: it is only signed out here.
    if (!(error instanceof AppError && error.code === "unauthenticated")) return failure(error);
  }
  await signOutAction();
  return ok();
}
