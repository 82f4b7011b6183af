import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { requireMember, type MemberContext } from "./authorize";

/**
 * requireMember for pages: a signed-out visitor goes to /login, and a page above the viewer's role
 * answers 404 rather than revealing that it exists. Cached per request.
 */
export const pageContext = cache(async (minRole: Role = "member"): Promise<MemberContext> => {
  try {
    return await requireMember(minRole);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") redirect("/login");
    if (error instanceof AppError && error.code === "forbidden") notFound();
    throw error;
  }
});
