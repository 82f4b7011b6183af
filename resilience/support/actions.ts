// Server actions called over HTTP as the browser calls them: the action's id (found in the
// JavaScript the pages serve), the arguments encoded as React does, the answer read from the
// RSC stream. Nothing here reads the build's own files.
import type { HttpClient, Reply } from "./http";

/** Server actions by exported name: the id, and a page that serves it (where it is posted). */
export type ActionIds = Map<string, { id: string; page: string }>;

/**
 * Finds the server actions that `pages` load (signed in with `cookie`, or anonymous where
 * `cookie` is empty), by exported name, from the JavaScript chunks each page's HTML names and the
 * chunks those load when a dialog opens (named in them as `static/chunks/….js`).
 */
export async function discoverActions(
  client: HttpClient,
  origin: string,
  pages: { path: string; cookie: string }[],
): Promise<ActionIds> {
  const ids: ActionIds = new Map();
  const chunks = new Map<string, string>();
  const pattern = /createServerReference\)\("([0-9a-f]{40,})",[^,]+,void 0,[^,]+,"(\w+)"\)/g;
  const chunkNames = /(?:\/_next\/)?static\/chunks\/[\w.-]+\.js/g;
  for (const { path, cookie } of pages) {
    const html = await client.request(`${origin}${path}`, { headers: cookie ? { cookie } : {} });
    const queue = [...html.body.matchAll(/src="(\/_next\/static\/chunks\/[^"]+\.js)"/g)].map(
      (m) => m[1]!,
    );
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < 500) {
      const src = queue.shift()!;
      if (seen.has(src)) continue;
      seen.add(src);
      if (!chunks.has(src)) chunks.set(src, (await client.request(`${origin}${src}`)).body);
      const code = chunks.get(src)!;
      for (const [, id, name] of code.matchAll(pattern)) {
        if (!ids.has(name!)) ids.set(name!, { id: id!, page: path });
      }
      for (const [name] of code.matchAll(chunkNames)) {
        queue.push(name.startsWith("/_next/") ? name : `/_next/${name}`);
      }
    }
  }
  return ids;
}

/** React's reply encoding of plain JSON values: a string starting with "$" is escaped as "$$". */
export function encodeReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeReply);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeReply(v)]));
  }
  return value;
}

function decodeValue(value: unknown): unknown {
  if (typeof value === "string") {
    if (value === "$undefined") return undefined;
    if (value.startsWith("$$")) return value.slice(1);
    return value;
  }
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeValue(v)]));
  }
  return value;
}

/** The rows of an RSC (React Flight) stream by id; text rows (`T<hex length>,`) are skipped. */
export function flightRows(body: string): Map<string, string> {
  const buf = Buffer.from(body, "utf8");
  const rows = new Map<string, string>();
  let pos = 0;
  while (pos < buf.length) {
    const colon = buf.indexOf(0x3a, pos);
    if (colon < 0) break;
    const id = buf.subarray(pos, colon).toString();
    const rest = buf.subarray(colon + 1, colon + 24).toString("latin1");
    const sized = /^[A-Za-z]([0-9a-f]+),/.exec(rest);
    if (sized) {
      pos = colon + 1 + sized[0].length + parseInt(sized[1]!, 16);
      continue;
    }
    let end = buf.indexOf(0x0a, colon + 1);
    if (end < 0) end = buf.length;
    rows.set(id, buf.subarray(colon + 1, end).toString("utf8"));
    pos = end + 1;
  }
  return rows;
}

export type ActionResult = {
  ok: boolean;
  code?: string;
  message?: string;
  data?: Record<string, unknown>;
  fieldErrors?: Record<string, string[]>;
};

export type ActionReply = Reply & { result: ActionResult | null };

/** The action's return value in a reply, or null when the reply carries none (an error row). */
export function actionResult(reply: Reply): ActionResult | null {
  const rows = flightRows(reply.body);
  const head = rows.get("0");
  if (!head) return null;
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(head)?.[1];
  const row = ref === undefined ? undefined : rows.get(ref);
  if (!row || !row.startsWith("{")) return null;
  try {
    return decodeValue(JSON.parse(row)) as ActionResult;
  } catch {
    return null;
  }
}

/**
 * Calls action `id` as a page at `pagePath` would: (previous state, input), JSON-encoded.
 * `body` replaces the encoded arguments (for junk), `multipart` sends FormData like a form does.
 */
export async function callAction(
  client: HttpClient,
  origin: string,
  opts: {
    id: string;
    pagePath: string;
    cookie?: string;
    input?: unknown;
    body?: string;
    multipart?: Record<string, string>;
    headers?: Record<string, string>;
    label?: string;
  },
): Promise<ActionReply> {
  const headers: Record<string, string> = {
    "next-action": opts.id,
    accept: "text/x-component",
    origin,
    "sec-fetch-site": "same-origin",
    ...(opts.cookie ? { cookie: opts.cookie } : {}),
  };
  let body: string;
  if (opts.multipart) {
    const boundary = `----resilience${Math.random().toString(16).slice(2)}`;
    headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
    // useActionState's form posts: field 1_$ACTION_ID… is not needed when Next-Action is set;
    // the fields are the arguments' second element, the first is the previous state.
    const parts = [
      `--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null,"$K1"]\r\n`,
    ];
    for (const [name, value] of Object.entries(opts.multipart)) {
      parts.push(
        `--${boundary}\r\nContent-Disposition: form-data; name="1_${name}"\r\n\r\n${value}\r\n`,
      );
    }
    body = `${parts.join("")}--${boundary}--\r\n`;
  } else {
    headers["content-type"] = "text/plain;charset=UTF-8";
    body = opts.body ?? JSON.stringify(encodeReply([null, opts.input ?? {}]));
  }
  Object.assign(headers, opts.headers);
  const url = `${origin}${opts.pagePath}`;
  const reply = opts.label
    ? await client.capture(opts.label, url, { method: "POST", headers, body })
    : await client.request(url, { method: "POST", headers, body });
  return { ...reply, result: actionResult(reply) };
}
