import { defineConfig } from "@playwright/test";

// Two servers: "fresh" starts on an empty database to exercise first-run setup; "main" starts on
// the demo seed (npm run db:seed) that every other spec signs in to. scripts/test-all.sh gives each
// its own database through E2E_FRESH_* / E2E_MAIN_* variables. Both are the production custom
// server (`npm start`: server.ts, Next and the machine door), built by `npm run build`.
const MAIN_PORT = Number(process.env.E2E_PORT ?? 3200);
const FRESH_PORT = MAIN_PORT + 1;
export const E2E_PASSWORD = process.env.SEED_PASSWORD ?? "e2e-demo-password";

export const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

function dbEnv(prefix: "E2E_MAIN" | "E2E_FRESH"): Record<string, string> {
  const url = process.env[`${prefix}_DATABASE_URL`];
  const dir = process.env[`${prefix}_PGLITE_DIR`];
  if (url) return { DATABASE_URL: url };
  return { DATABASE_URL: "", PGLITE_DIR: dir ?? `.data/${prefix.toLowerCase()}` };
}

const serverEnv = {
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdef0123456789",
  SEED_PASSWORD: E2E_PASSWORD,
  OUTBOX_DIR: process.env.E2E_OUTBOX_DIR ?? ".data/e2e-outbox",
};

export default defineConfig({
  testDir: "./e2e",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${MAIN_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...chromium,
  },
  projects: [
    {
      name: "first-run",
      testMatch: /first-run\.spec\.ts/,
      use: { baseURL: `http://localhost:${FRESH_PORT}` },
    },
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    {
      name: "app",
      testIgnore: [/first-run\.spec\.ts/, /auth\.setup\.ts/],
      dependencies: ["sign-in"],
    },
  ],
  webServer: [
    {
      command: "npm run db:seed && npm start",
      url: `http://localhost:${MAIN_PORT}/api/health`,
      env: { ...serverEnv, ...dbEnv("E2E_MAIN"), PORT: String(MAIN_PORT) },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npm start",
      url: `http://localhost:${FRESH_PORT}/api/health`,
      env: { ...serverEnv, ...dbEnv("E2E_FRESH"), PORT: String(FRESH_PORT) },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
