#!/usr/bin/env bash
# npm run test:resilience: faults, races and attacks against built app instances (`npm start`) on
# a PostgreSQL cluster of the suite's own (resilience/). Builds first unless the build is fresh.
# Arguments go to vitest: `npm run test:resilience -- -t "8. Brute force"` runs one scenario.
set -uo pipefail
cd "$(dirname "$0")/.."

run_dir=$(mktemp -d /tmp/latchkey-resilience.XXXXXX)
chmod 755 "$run_dir" # the cluster's folder inside belongs to the postgres account when run as root

cleanup() {
  # whatever the suite started and did not stop (a crashed runner): app process groups, then
  # the cluster
  if [ -f "$run_dir/pids" ]; then
    while read -r pid; do
      # only a group still led by our own npm start (a pid may have been reused since)
      [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$PWD" ] && kill -KILL -- "-$pid" 2>/dev/null
    done < "$run_dir/pids"
  fi
  for data in "$run_dir"/cluster-*/data; do
    [ -f "$data/postmaster.pid" ] || continue
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [ "$(id -u)" = 0 ]; then
      runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    else
      "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$run_dir"
}
trap cleanup EXIT

if ! node resilience/build-is-fresh.mjs; then
  echo "== build"
  npm run build > "$run_dir/build.log" 2>&1 || { tail -50 "$run_dir/build.log"; echo "0 passed, 1 failed"; exit 1; }
fi

echo "== resilience scenarios"
started=$(date +%s)
# Bounded: a hung scenario must not hold up CI, whose whole run has to end within 45 minutes.
RESILIENCE_RUN_DIR="$run_dir" timeout -k 30 900 npx vitest run -c vitest.resilience.config.ts \
  --reporter=default --reporter=json --outputFile.json="$run_dir/vitest.json" "$@"
rc=$?
if [ $rc -ne 0 ]; then
  for log in "$run_dir"/app-*.log; do
    [ -f "$log" ] && { echo "== last lines of $(basename "$log")"; tail -30 "$log"; }
  done
fi
# A run of some scenarios only (arguments given) does not replace the last full run's figures.
node resilience/summary.mjs "$run_dir/vitest.json" "$run_dir/figures.jsonl" "$(( $(date +%s) - started ))" \
  "$([ $# -gt 0 ] && echo partial)"
summary_rc=$?
[ $rc -eq 0 ] && [ $summary_rc -eq 0 ]
