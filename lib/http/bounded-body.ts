import type { IncomingMessage } from "node:http";

// The machine door registers the node request behind each Request it hands a handler
// (machine/routing.ts): its body is then read from the socket directly, without building a
// WHATWG Request and stream around it. Requests built elsewhere (Next, tests) use their stream.
const socketBodies = new WeakMap<Request, IncomingMessage>();

/** Makes `readBoundedBody(request)` read `incoming` directly. */
export function readBodyFromSocket(request: Request, incoming: IncomingMessage) {
  socketBodies.set(request, incoming);
}

/**
 * The request body as bytes, or null when it is larger than `limit`: judged first on
 * Content-Length (refused without reading a byte) and then on the bytes actually received, since
 * the header may lie or be absent (chunked uploads). Reading stops at the first byte over the
 * limit, so a sender cannot make the server buffer more than `limit` bytes.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) return null;
  const incoming = socketBodies.get(request);
  if (incoming) return readIncoming(incoming, limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads a node request body up to `limit` bytes. Past the limit it stops listening and answers
 * null; what else arrives is discarded (the HTTP adapter drains a bounded amount after the
 * response, then closes the connection).
 */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  if (incoming.readableEnded) return Promise.resolve(new Uint8Array());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        done();
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error("The client closed the connection before sending the whole body."));
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}
