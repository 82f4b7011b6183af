import "server-only";
import type { z } from "zod";
import { withinDatabaseDeadline } from "@/db/deadline";
import { isDatabaseUnavailable } from "@/db/unavailable";
import type { ApiId } from "@/lib/api-catalogue";
import { readJsonBody, validationFailure } from "./body";
import type { Principal } from "./principal";
import { insufficientScope, serverError, serviceUnavailable } from "./responses";
import { verifyRequest } from "./verify";
import { withAccessHeaders } from "@/lib/access/enforce";
import { log } from "@/lib/log";
import { recordUsage } from "@/lib/usage/record";

type Handler<B, Q> = (args: {
  principal: Principal;
  body: B;
  query: Q;
  request: Request;
}) => Promise<Response>;

type Options<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> = {
  /** The API this endpoint belongs to; null for endpoints any valid credential may call. */
  api: ApiId | null;
  body?: BS;
  query?: QS;
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A public API route: verifies the credential, checks the API scope, reads and validates the body
 * and query, and turns unexpected failures into a JSON 500 that reveals nothing (a 503 when the
 * database is unreachable or does not answer within DATABASE_TIMEOUT_MS).
 */
export function apiRoute<
  BS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
>(options: Options<BS, QS>, handler: Handler<Out<BS>, Out<QS>>) {
  return async (request: Request): Promise<Response> => {
    try {
      // The body is read outside the deadlines: a slow upload is the client's time.
      const verified = await withinDatabaseDeadline(() => verifyRequest(request));
      if (!verified.ok) return verified.response;
      const { principal } = verified;
      if (options.api && !principal.apis.includes(options.api)) {
        recordUsage(principal, "insufficient_scope");
        return insufficientScope(options.api);
      }
      recordUsage(principal, "succeeded");
      let query = undefined as Out<QS>;
      if (options.query) {
        const params = Object.fromEntries(new URL(request.url).searchParams);
        const parsed = options.query.safeParse(params);
        if (!parsed.success) return validationFailure(parsed.error);
        query = parsed.data as Out<QS>;
      }
      let body = undefined as Out<BS>;
      if (options.body) {
        const read = await readJsonBody(request, options.body);
        if (!read.ok) return read.response;
        body = read.value as Out<BS>;
      }
      return withAccessHeaders(
        await withinDatabaseDeadline(() => handler({ principal, body, query, request })),
        verified.headers,
      );
    } catch (error) {
      const path = new URL(request.url).pathname;
      if (isDatabaseUnavailable(error)) {
        log.warn({ err: error, method: request.method, path }, "API request: database unavailable");
        return serviceUnavailable();
      }
      log.error({ err: error, method: request.method, path }, "API request failed");
      return serverError();
    }
  };
}
