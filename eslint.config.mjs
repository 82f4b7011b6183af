import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers (ARCHITECTURE.md): each zone forbids `target` from importing `from`. Resolved paths,
// so `@/…` and relative imports are caught alike.
const layerZones = [
  {
    target: "./components",
    from: ["./app", "./machine", "./db"],
    message:
      "components/ renders what it is given: pass data and server actions in as props instead.",
  },
  {
    target: "./lib",
    from: ["./app", "./machine", "./components"],
    message: "lib/ holds domain rules and knows no page, route or component.",
  },
  {
    target: "./db",
    from: ["./app", "./machine", "./components"],
    message: "db/ holds schema and queries and knows no route, page or domain module.",
  },
  {
    // The one exception: the parsed environment (DATABASE_URL and the pool size).
    target: "./db",
    from: "./lib",
    except: ["./env.ts"],
    message: "db/ holds schema and queries and knows no route, page or domain module.",
  },
  {
    target: "./machine",
    from: ["./app", "./components"],
    message: "The machine door uses lib/ and db/, never pages or components.",
  },
  {
    target: "./app",
    from: ["./machine"],
    message: "Pages and the machine door share lib/ and db/, not each other.",
  },
  {
    target: ["./proxy.ts", "./auth.config.ts"],
    from: ["./db", "./app", "./components", "./machine"],
    message: "The proxy (and the auth config it loads) never touches the database or pages.",
  },
  {
    target: ["./auth.ts"],
    from: ["./app", "./components", "./machine"],
    message: "auth.ts uses lib/ and db/, never a page's modules.",
  },
];

// Rules that need the type checker; the test of the layer rules lints virtual files without them.
export const typeAwareRules = {
  "@typescript-eslint/no-floating-promises": "error",
  "@typescript-eslint/no-misused-promises": "error",
  "@typescript-eslint/await-thenable": "error",
  "@typescript-eslint/switch-exhaustiveness-check": [
    "error",
    { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next*/**",
    "dist/**",
    "node_modules/**",
    "db/migrations/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    ".data/**",
    // Benchmark peers: separate packages with their own lockfiles, installed by the benchmarks.
    "bench/peers/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "import/no-restricted-paths": ["error", { zones: layerZones }],
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: typeAwareRules,
  },
  {
    // SQL lives in db/queries: the layers above call its functions, never the driver or the ORM.
    files: ["app/**", "components/**", "lib/**", "machine/**", "*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/pglite*"],
              message: "Write the query as a function in db/queries and call that.",
            },
          ],
        },
      ],
    },
  },
  {
    // Vitest helpers such as useTestDatabase() are not React hooks.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
