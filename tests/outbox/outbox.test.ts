import { mkdtemp, rm } from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createDb, type DbHandle, type Executor } from "@/db/client";
import { claimDueOutboxRows, markOutboxRetry, markOutboxSent } from "@/db/queries/outbox";
import { emailOutbox } from "@/db/schema";
import { register } from "@/instrumentation";
import { setClock } from "@/lib/clock";
import { log } from "@/lib/log";
import { enqueueEmail } from "@/lib/outbox/enqueue";
import { nudgeOutbox, runningOutboxWorker, startOutboxWorker } from "@/lib/outbox/schedule";
import { drainOutbox } from "@/lib/outbox/worker";
import { runningRateLimitPurge } from "@/lib/rate-limit/purge";
import { useTestDatabase } from "../helpers/db";
import { useOutbox } from "../helpers/outbox";

const database = useTestDatabase();
const outbox = useOutbox();
const opened: DbHandle[] = [];
const folders: string[] = [];

afterEach(() => {
  setClock(undefined);
  vi.restoreAllMocks();
});

afterAll(async () => {
  for (const handle of opened) await handle.close().catch(() => {});
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

let n = 0;
const mail = (extra: Partial<Parameters<typeof enqueueEmail>[1]> = {}) => ({
  kind: "test",
  to: `someone-${++n}@example.test`,
  subject: `Message ${n}`,
  text: `Body ${n}`,
  ...extra,
});

const rowsTo = (db: Executor, to: string) =>
  db.select().from(emailOutbox).where(eq(emailOutbox.recipient, to));

/** A second connection to the test database, as another app instance would have (PostgreSQL). */
function otherInstance(): DbHandle {
  const handle = createDb({ url: database.url! });
  opened.push(handle);
  return handle;
}

async function smtpDown() {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
}

describe("email outbox", () => {
  it("queues in the caller's transaction: a rollback leaves no email", async () => {
    const m = mail();
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueEmail(tx, m);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rowsTo(database.db, m.to)).toHaveLength(0);
    await drainOutbox();
    expect((await outbox.written()).filter((w) => w.to === m.to)).toHaveLength(0);
  });

  it("survives a restart between commit and send: a new worker sends it", async () => {
    let dataDir: string | undefined;
    const open = async () => {
      if (database.url) return otherInstance();
      // On the embedded database a restart is a close and a reopen of the same folder.
      const handle = createDb({ dataDir });
      opened.push(handle);
      return handle;
    };
    if (!database.url) {
      dataDir = await mkdtemp(path.join(tmpdir(), "lk-outbox-pglite-"));
      folders.push(dataDir);
    }
    const before = await open();
    await before.migrate();
    const m = mail({ text: "Sent after a restart" });
    await before.db.transaction((tx) => enqueueEmail(tx, m));
    await before.close();

    const after = await open();
    expect(await rowsTo(after.db, m.to)).toMatchObject([{ status: "pending", attempts: 0 }]);
    expect(await drainOutbox({}, after.db)).toMatchObject({ sent: 1 });
    const [sent] = (await outbox.written()).filter((w) => w.to === m.to);
    expect(sent).toMatchObject({ subject: m.subject, text: "Sent after a restart\n" });
    expect(await rowsTo(after.db, m.to)).toMatchObject([{ status: "sent", sealedBody: null }]);
  });

  it("two workers racing over the same rows send each exactly once", async () => {
    const batch = Array.from({ length: 24 }, () => mail({ kind: "race" }));
    await database.db.transaction(async (tx) => {
      for (const m of batch) await enqueueEmail(tx, m);
    });
    const second = database.url ? otherInstance().db : database.db;
    const rounds = await Promise.all([
      drainOutbox({ batchSize: 2 }, database.db),
      drainOutbox({ batchSize: 2 }, second),
    ]);
    expect(rounds[0].sent + rounds[1].sent).toBe(batch.length);
    const received = (await outbox.written()).filter((w) => /^Message /.test(w.subject));
    const ids = await database.db
      .select({ id: emailOutbox.id, to: emailOutbox.recipient, status: emailOutbox.status })
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, "race"));
    expect(ids.every((r) => r.status === "sent")).toBe(true);
    for (const row of ids) {
      // Each message carries its row's id: one file per row, never two.
      expect(received.filter((w) => w.messageId === `<${row.id}@outbox.latchkey>`)).toHaveLength(1);
    }
    expect(received).toHaveLength(batch.length);
  });

  it("retries with growing delays, then marks the email failed and drops its body", async () => {
    vi.spyOn(log, "warn").mockImplementation(() => {});
    vi.spyOn(log, "error").mockImplementation(() => {});
    const m = mail();
    await database.db.transaction((tx) => enqueueEmail(tx, m));
    const smtpUrl = process.env.SMTP_URL;
    await smtpDown();
    const t0 = Date.now();
    const opts = { maxAttempts: 3, retryBaseMs: 30_000 };
    try {
      setClock(new Date(t0));
      expect(await drainOutbox(opts)).toMatchObject({ claimed: 1, retried: 1 });
      let [row] = await rowsTo(database.db, m.to);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row!.lastError).toMatch(/^ECONNECTION: |^ESOCKET: /);
      // 30 s ± 20 %: not due before, due after.
      expect(row!.availableAt.getTime() - t0).toBeGreaterThanOrEqual(24_000);
      expect(row!.availableAt.getTime() - t0).toBeLessThanOrEqual(36_000);
      setClock(new Date(t0 + 23_000));
      expect(await drainOutbox(opts)).toMatchObject({ claimed: 0 });
      setClock(new Date(t0 + 37_000));
      expect(await drainOutbox(opts)).toMatchObject({ claimed: 1, retried: 1 });
      [row] = await rowsTo(database.db, m.to);
      // The second delay is twice the first: 60 s ± 20 %.
      expect(row!.availableAt.getTime() - (t0 + 37_000)).toBeGreaterThanOrEqual(48_000);
      expect(row!.availableAt.getTime() - (t0 + 37_000)).toBeLessThanOrEqual(72_000);
      setClock(new Date(t0 + 37_000 + 73_000));
      expect(await drainOutbox(opts)).toMatchObject({ claimed: 1, failed: 1 });
      [row] = await rowsTo(database.db, m.to);
      expect(row).toMatchObject({ status: "failed", attempts: 3, sealedBody: null });
      expect(row!.failedAt).not.toBeNull();
      setClock(new Date(t0 + 10 * 3600_000));
      expect(await drainOutbox(opts)).toMatchObject({ claimed: 0 });
      expect(log.error).toHaveBeenCalledWith(
        expect.objectContaining({ outboxId: row!.id, attempt: 3 }),
        "sending an email failed for good",
      );
    } finally {
      if (smtpUrl === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = smtpUrl;
    }
  });

  it("a worker that dies mid-send loses its claim when the lease ends; its late outcome is ignored", async () => {
    const m = mail();
    await database.db.transaction((tx) => enqueueEmail(tx, m));
    const t0 = Date.now();
    setClock(new Date(t0));
    // The dying worker: it claims every due row and is never heard of again.
    const [stale] = (await claimDueOutboxRows(100, new Date(t0), new Date(t0 + 60_000))).filter(
      (r) => r.recipient === m.to,
    );
    expect(stale).toMatchObject({ attempts: 1 });
    expect(await drainOutbox()).toMatchObject({ claimed: 0 });
    setClock(new Date(t0 + 60_001));
    expect(await drainOutbox()).toMatchObject({ claimed: 1, sent: 1 });
    await markOutboxRetry(stale!, new Date(t0), "late", database.db);
    await markOutboxSent(stale!, new Date(t0), database.db);
    expect(await rowsTo(database.db, m.to)).toMatchObject([
      { status: "sent", attempts: 2, lastError: null },
    ]);
    expect((await outbox.written()).filter((w) => w.to === m.to)).toHaveLength(1);
  });

  it("a dedupe key makes a second enqueue a no-op, even from racing transactions", async () => {
    const key = `once-${Date.now()}`;
    const m = mail({ dedupeKey: key });
    const first = await database.db.transaction((tx) => enqueueEmail(tx, m));
    expect(first).toEqual(expect.any(String));
    expect(await database.db.transaction((tx) => enqueueEmail(tx, m))).toBeNull();
    const second = database.url ? otherInstance().db : database.db;
    const racing = await Promise.all(
      [database.db, second, database.db, second].map((db) =>
        db.transaction((tx) => enqueueEmail(tx, { ...m, dedupeKey: `${key}-race` })),
      ),
    );
    expect(racing.filter(Boolean)).toHaveLength(1);
    await drainOutbox();
    const received = (await outbox.written()).filter((w) => w.to === m.to);
    expect(received).toHaveLength(2);
    // Sent is not forgotten: the key still refuses a new email.
    expect(await database.db.transaction((tx) => enqueueEmail(tx, m))).toBeNull();
  });

  it("keeps the body sealed while waiting and drops it once sent", async () => {
    const link = "https://latchkey.test/invite/secret-token-0123456789";
    const m = mail({ kind: "invitation", text: `Accept: ${link}` });
    await database.db.transaction((tx) => enqueueEmail(tx, m));
    const dump = async () =>
      JSON.stringify(
        await database.db.execute(sql`select * from email_outbox where recipient = ${m.to}`),
      );
    expect(await dump()).not.toContain("secret-token");
    const [waiting] = await rowsTo(database.db, m.to);
    expect(waiting!.sealedBody).toMatch(/^v1\./);
    await drainOutbox();
    expect((await outbox.written()).find((w) => w.to === m.to)?.text).toContain(link);
    expect(await rowsTo(database.db, m.to)).toMatchObject([{ status: "sent", sealedBody: null }]);
    expect(await dump()).not.toContain("secret-token");
  });

  it("the process's worker starts once, and a nudge after a commit sends within moments", async () => {
    const worker = startOutboxWorker({ pollMs: 60_000, sweep: async () => {} });
    try {
      expect(startOutboxWorker()).toBe(worker);
      expect(runningOutboxWorker()).toBe(worker);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const m = mail();
      await database.db.transaction((tx) => enqueueEmail(tx, m));
      const started = Date.now();
      nudgeOutbox();
      await vi.waitFor(
        async () => {
          expect((await rowsTo(database.db, m.to))[0]?.status).toBe("sent");
        },
        { timeout: 5000, interval: 20 },
      );
      // Well before the 60 s poll: the nudge did it.
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await worker.stop();
    }
    expect(runningOutboxWorker()).toBeUndefined();
  });

  it("the server process starts the worker at start-up", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("DB_AUTO_MIGRATE", "0");
    vi.stubEnv("EXPIRY_SWEEP_MS", "3600000");
    try {
      expect(runningOutboxWorker()).toBeUndefined();
      await register();
      expect(runningOutboxWorker()).toBeDefined();
    } finally {
      await runningOutboxWorker()?.stop();
      runningRateLimitPurge()?.stop();
      vi.unstubAllEnvs();
    }
  });
});
