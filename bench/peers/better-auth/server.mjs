// GET /me with `x-api-key`: the key checked through the plugin's documented server call,
// auth.api.verifyApiKey, answered over node:http like the floor.
import { createServer } from "node:http";
import { auth } from "./auth.mjs";

const server = createServer(async (req, res) => {
  try {
    const key = req.headers["x-api-key"];
    if (req.url !== "/me" || typeof key !== "string") {
      res.writeHead(404).end();
      return;
    }
    const result = await auth.api.verifyApiKey({ body: { key } });
    const body = JSON.stringify(
      result.valid
        ? { keyId: result.key.id, userId: result.key.referenceId ?? result.key.userId }
        : { error: result.error?.code ?? "invalid" },
    );
    res.writeHead(result.valid ? 200 : 401, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  } catch {
    res.writeHead(500).end();
  }
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => {
  console.log(`better-auth listening on ${process.env.PORT}`);
});
