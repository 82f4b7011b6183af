#!/usr/bin/env bash
# The one test command: unit + integration (Vitest), then end-to-end (Playwright) against the built
# app. With DATABASE_URL set, every database is created fresh on that server; otherwise PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
stamp="$(date +%s)_$$"
cleanup_dbs=()

fresh_database() { # prints a URL of a new, empty database on DATABASE_URL's server
  local name="lk_e2e_${stamp}_$1"
  node -e '
    const postgres = require("postgres");
    const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    sql.unsafe(`create database ${process.argv[1]}`).then(() => sql.end(), (e) => { console.error(e.message); process.exit(1); });
  ' "$name" || return 1
  node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/" + process.argv[1]; console.log(u.toString())' "$name"
}

drop_databases() {
  for name in "${cleanup_dbs[@]}"; do
    node -e '
      const postgres = require("postgres");
      const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
      sql.unsafe(`drop database if exists ${process.argv[1]} with (force)`).finally(() => sql.end());
    ' "$name" || true
  done
  rm -rf "$results"
}
trap drop_databases EXIT

echo "== unit and integration tests (on $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo PGlite))"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
vitest_rc=$?

echo "== build"
# next build, then the custom server (server.ts) that every end-to-end server runs: `npm start`.
npm run build > "$results/build.log" 2>&1 || { cat "$results/build.log"; echo "0 passed, 1 failed"; exit 1; }

echo "== end-to-end tests"
if [ -n "${DATABASE_URL:-}" ]; then
  E2E_MAIN_DATABASE_URL=$(fresh_database main) && cleanup_dbs+=("lk_e2e_${stamp}_main")
  E2E_FRESH_DATABASE_URL=$(fresh_database fresh) && cleanup_dbs+=("lk_e2e_${stamp}_fresh")
  export E2E_MAIN_DATABASE_URL E2E_FRESH_DATABASE_URL
else
  export E2E_MAIN_PGLITE_DIR="$results/pglite-main" E2E_FRESH_PGLITE_DIR="$results/pglite-fresh"
fi
export E2E_OUTBOX_DIR="$results/outbox"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json
e2e_rc=$?

node scripts/count-results.mjs "$results/vitest.json" "$results/playwright.json"
[ $vitest_rc -eq 0 ] && [ $e2e_rc -eq 0 ]
