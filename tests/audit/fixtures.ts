import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";

type EventInput = Partial<typeof auditEvents.$inferInsert> & { orgId: string };

let seq = 0;

/**
 * Inserts an event directly with a chosen time and fields, for filter and export tests where the
 * hash chain is not under test (the chain has tests of its own through recordAudit).
 */
export async function insertEvent(e: EventInput) {
  seq += 1;
  const [row] = await getDb()
    .insert(auditEvents)
    .values({
      seq,
      event: "team.created",
      action: "create",
      actorType: "user",
      actorId: null,
      targetType: "team",
      targetId: randomBytes(4).toString("hex"),
      targetName: "A team",
      description: "Created a team",
      prevHash: "0".repeat(64),
      hash: randomBytes(32).toString("hex"),
      ...e,
    })
    .returning();
  return row!;
}

/** A strict RFC 4180 parser, enough to read back what the export wrote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

/** The decoded body of the first attachment of a raw MIME message. */
export function attachmentOf(raw: string): { filename: string; contentType: string; body: string } {
  const headerEnd = raw.indexOf("\r\n\r\n");
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw.slice(0, headerEnd))?.[1];
  if (!boundary) throw new Error("not a multipart message");
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    const headers = part.slice(0, split).replace(/\r\n\s+/g, " ");
    if (!/content-disposition:\s*attachment/i.test(headers)) continue;
    const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1] ?? "";
    const contentType = /content-type:\s*([^;\r\n]+)/i.exec(headers)?.[1] ?? "";
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase();
    const content = part.slice(split + 4).replace(/\r\n$/, "");
    const body =
      encoding === "base64"
        ? Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8")
        : encoding === "quoted-printable"
          ? Buffer.from(
              content
                .replace(/=\r\n/g, "")
                .replace(/=([0-9A-F]{2})/gi, (_, h: string) =>
                  String.fromCharCode(parseInt(h, 16)),
                ),
              "latin1",
            ).toString("utf8")
          : content;
    return { filename, contentType, body };
  }
  throw new Error("no attachment in the message");
}
