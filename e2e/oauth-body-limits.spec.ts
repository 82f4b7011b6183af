import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";

/**
 * Sends `bytes` of a form body in 1 KiB chunks (Transfer-Encoding: chunked, no Content-Length) and
 * never ends it: a server that waits for the whole body before judging its size never answers.
 */
function unendingChunkedPost(url: string, bytes = 16 * 1024) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", reject);
    const piece = Buffer.from(`p=${"a".repeat(1021)}&`);
    for (let sent = 0; sent < bytes; sent += piece.length) req.write(piece);
  });
}

for (const path of ["/api/oauth/token", "/api/oauth/revoke", "/api/oauth/introspect"]) {
  test(`${path} answers 413 to a chunked body over 8 KiB sent without Content-Length`, async ({
    baseURL,
  }) => {
    const response = await unendingChunkedPost(`${baseURL}${path}`);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: "invalid_request" });
  });
}
