import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";

/**
 * Streams a form body in 1 KiB chunks (Transfer-Encoding: chunked, no Content-Length) for as long
 * as the server keeps reading, up to `total` bytes, and returns the response.
 */
function chunkedPost(url: string, total = 1024 * 1024) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    let sent = 0;
    const req = httpRequest(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    // The server may stop reading and close while bytes are still in flight.
    req.on("error", (error) => (sent >= total ? reject(error) : undefined));
    const piece = Buffer.from(`p=${"a".repeat(1021)}&`);
    const pump = () => {
      while (sent < total) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

for (const path of ["/api/oauth/token", "/api/oauth/revoke", "/api/oauth/introspect"]) {
  test(`${path} answers 413 to a chunked body over 8 KiB sent without Content-Length`, async ({
    baseURL,
  }) => {
    const response = await chunkedPost(`${baseURL}${path}`);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: "invalid_request" });
  });
}
