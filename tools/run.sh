#!/usr/bin/env bash
# The project's two entry points (README: `npm run main`, `npm run test:all`).
# Does all its own set-up on a fresh clone where only Node 20 and npm exist:
# the pinned pnpm, the workspace's dependencies, then the job.
#
#   bash tools/run.sh main [options]   build what the main job needs and run it
#                            (options go to the job: npm run main -- --epochs 3)
#   bash tools/run.sh test   typecheck + every test (the guards included), ending
#                            with the line `N passed, N failed, N skipped`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export TURBO_TELEMETRY_DISABLED=1

usage() {
  echo "usage: bash tools/run.sh main [options] | test" >&2
  exit 2
}
[ $# -ge 1 ] || usage
case "$1" in main | test) ;; *) usage ;; esac
job="$1"
shift
# Only the main job takes options.
[ "$job" = main ] || [ $# -eq 0 ] || usage

say() { echo "run.sh: $*"; }

# The version pinned by packageManager in package.json (turbo requires that field).
PNPM_VERSION="$(node -p "require('./package.json').packageManager.replace(/^pnpm@/, '').split('+')[0]")"

# The version of the pnpm found on PATH, asked outside the repository so that
# pnpm's own version switching (packageManager) does not answer for it.
pnpm_on_path() { (cd / && pnpm --version 2>/dev/null | tail -n 1) || true; }

ensure_pnpm() {
  # A local install from an earlier run.
  if [ -x "$ROOT/.tools/bin/pnpm" ]; then export PATH="$ROOT/.tools/bin:$PATH"; fi
  [ "$(pnpm_on_path)" = "$PNPM_VERSION" ] && return 0
  say "pnpm $PNPM_VERSION not on PATH (found: $(pnpm_on_path || true)); npm install -g pnpm@$PNPM_VERSION"
  if npm install -g "pnpm@$PNPM_VERSION" --no-audit --no-fund --loglevel=error; then
    # The global bin directory may come after another pnpm on PATH.
    export PATH="$(npm prefix -g)/bin:$PATH"
    [ "$(pnpm_on_path)" = "$PNPM_VERSION" ] && return 0
  fi
  say "global install not usable; installing pnpm@$PNPM_VERSION into $ROOT/.tools"
  npm install -g --prefix "$ROOT/.tools" "pnpm@$PNPM_VERSION" --no-audit --no-fund --loglevel=error
  export PATH="$ROOT/.tools/bin:$PATH"
  if [ "$(pnpm_on_path)" != "$PNPM_VERSION" ]; then
    say "could not get pnpm $PNPM_VERSION (found: $(pnpm_on_path || true))" >&2
    exit 1
  fi
}

start=$SECONDS
chromium_pid=""
chromium_log=""
if [ "$job" = test ]; then
  # Debian's chromium, for the headless graph-picture test, installs alongside pnpm's install.
  chromium_log="$(mktemp)"
  bash tools/ensure-chromium.sh >"$chromium_log" 2>&1 &
  chromium_pid=$!
fi
ensure_pnpm
# confirmModulesPurge: with no terminal (CI), never stop to ask before recreating node_modules.
pnpm install --frozen-lockfile --config.confirm-modules-purge=false
say "set-up (pnpm $PNPM_VERSION, pnpm install) took $((SECONDS - start)) s"

case "$job" in
main)
  # tools/src/main.ts -> tools/dist/main.js; ^build builds the packages it imports first.
  pnpm exec turbo run build --filter=@proj/tools --output-logs=errors-only
  node tools/dist/main.js "$@"
  ;;
test)
  # A result file left by an earlier run must not count in this one; turbo
  # restores the files of the tasks it replays from its cache.
  rm -f packages/*/.jest-results.json tools/.jest-results.json
  wait "$chromium_pid" || true
  tail -n 3 "$chromium_log" | grep ensure-chromium || true
  rm -f "$chromium_log"
  t0=$SECONDS
  turbo_status=0
  # tools' test task depends on ^build (check-pack packs the builds), so the
  # builds run here too; --continue keeps going past a failure to count everything.
  pnpm exec turbo run typecheck test --continue --log-order=grouped || turbo_status=$?
  say "turbo run typecheck test took $((SECONDS - t0)) s"
  summary_status=0
  summary="$(node tools/test-summary.js)" || summary_status=$?
  last="$(printf '%s\n' "$summary" | tail -n 1)"
  printf '%s\n' "$summary" | sed '$d'
  if [ "$turbo_status" -ne 0 ] && [ "$summary_status" -eq 0 ]; then
    # Every test passed but a task failed (a type error, a build): count it so
    # the closing line does not claim a clean run.
    say "turbo reported a failed task (typecheck or build, see above): counted as 1 failure"
    last="$(printf '%s\n' "$last" | awk '{ $3 = $3 + 1; print }')"
  fi
  echo "$last"
  [ "$turbo_status" -eq 0 ] && [ "$summary_status" -eq 0 ]
  ;;
esac
