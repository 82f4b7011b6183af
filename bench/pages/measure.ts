import type { Browser, BrowserContext } from "@playwright/test";

export type PageWeight = {
  path: string;
  scripts: number;
  /** Bytes on the wire (compressed body and headers), as Chromium's network stack counted them. */
  wireBytes: number;
  /** The compressed bodies alone (Resource Timing's encodedBodySize): the wire minus headers. */
  bodyBytes: number;
  /** The same scripts once decompressed. */
  decodedBytes: number;
  /** Content-Encoding of the scripts over 1 KiB ("identity": one came uncompressed). Smaller
   *  bodies are sent as they are by design. */
  encodings: string[];
  /** Each script (path and bytes on the wire), largest first. */
  files: { path: string; wireBytes: number }[];
};

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * Loads `url` in a new context (nothing cached) and adds up every script response received
 * until the network has been idle for 500 ms, through the Chrome DevTools Protocol.
 */
export async function measurePage(
  browser: Browser,
  url: string,
  storageState: StorageState,
): Promise<PageWeight> {
  const context = await browser.newContext({ storageState });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const scripts = new Map<
      string,
      { url: string; encoding: string; wire: number; decoded: number }
    >();
    cdp.on("Network.responseReceived", ({ requestId, type, response }) => {
      if (type !== "Script") return;
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      scripts.set(requestId, {
        url: response.url,
        encoding: headers["content-encoding"] ?? "identity",
        wire: 0,
        decoded: 0,
      });
    });
    cdp.on("Network.dataReceived", ({ requestId, dataLength }) => {
      const script = scripts.get(requestId);
      if (script) script.decoded += dataLength;
    });
    cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
      const script = scripts.get(requestId);
      if (script) script.wire = encodedDataLength;
    });
    await cdp.send("Network.enable");
    const response = await page.goto(url, { waitUntil: "networkidle" });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    if (new URL(page.url()).pathname !== new URL(url).pathname) {
      throw new Error(`${url} led to ${page.url()}`);
    }
    const all = [...scripts.values()];
    const bodies = new Map(
      await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => [e.name, (e as PerformanceResourceTiming).encodedBodySize] as const),
      ),
    );
    return {
      path: new URL(url).pathname,
      scripts: all.length,
      wireBytes: all.reduce((sum, s) => sum + s.wire, 0),
      bodyBytes: all.reduce((sum, s) => sum + (bodies.get(s.url) ?? s.wire), 0),
      decodedBytes: all.reduce((sum, s) => sum + s.decoded, 0),
      encodings: [...new Set(all.filter((s) => s.decoded > 1024).map((s) => s.encoding))].sort(),
      files: all
        .map((s) => ({ path: new URL(s.url).pathname, wireBytes: s.wire }))
        .sort((a, b) => b.wireBytes - a.wireBytes),
    };
  } finally {
    await context.close();
  }
}
