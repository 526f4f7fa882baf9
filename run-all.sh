#!/usr/bin/env bash
# The lab's two entry points (README.md):
#   ./run-all.sh        the main job: build, run every scenario on every subject, run the quick benchmarks and the
#                       systematic tester's corpus and throughput figures, render the report (results/*.csv, reports/index.html, reports/summary.md)
#   ./run-all.sh test   the test suite; ends with one line "tests: N passed, N failed, N skipped"
#   ./run-all.sh matrix the cross-OS matrix: the scenarios and quick benchmarks in one container per Debian image
#                       (bullseye, bookworm, trixie, sid), then the report with the images side by side; extra
#                       arguments go to `lab matrix` (e.g. --images bookworm,sid, --docker-host tcp://host:2375)
# Everything it needs is checked here and installed when it can be (NuGet restore); what cannot be
# installed from here is named with the command that installs it.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
ARTIFACTS="$ROOT/.artifacts"
CONFIG=Release

say() { printf '\n== %s\n' "$*"; }
die() { printf 'run-all.sh: %s\n' "$*" >&2; exit 1; }

need_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required: install it (e.g. 'apt-get install dotnet-sdk-10.0' from Microsoft's Debian feed) and run again"
  dotnet --list-sdks | grep -q '^10\.' || die "a .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
}

need_python() {
  if command -v python3 >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing python3 (the cpython subject)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
  else
    echo "run-all.sh: python3 not found: the cpython subject will be skipped (install it with 'apt-get install python3')" >&2
  fi
}

build() {
  say "restore and build ($CONFIG)"
  dotnet restore Lab.sln --verbosity quiet
  dotnet build Lab.sln -c "$CONFIG" --no-restore --verbosity quiet -nologo
}

# The main job runs a published lab, compiled ahead of time (ReadyToRun) for this machine's architecture: every engine
# child is a fresh .NET process, and precompiled engine code starts it about a fifth faster than JIT-compiled code
# (engine spawn start+join, median of 50: 25 ms against 32 ms on this 2-core machine).
LAB_PUBLISHED="$ARTIFACTS/lab"
LAB="$LAB_PUBLISHED/lab"

runtime_id() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64 | arm64) echo linux-arm64 ;;
    *) die "no .NET runtime identifier known for machine '$(uname -m)'" ;;
  esac
}

# $1: the folder; $2: true for a self-contained lab.
publish_lab() {
  local rid
  rid=$(runtime_id)
  say "publish the lab to $1 ($CONFIG, $rid, ReadyToRun, self-contained: $2)"
  rm -rf "$1"
  dotnet publish lab/Lab.Cli -c "$CONFIG" -r "$rid" --self-contained "$2" -p:PublishReadyToRun=true \
    -o "$1" --verbosity quiet -nologo
}

publish() { publish_lab "$LAB_PUBLISHED" false; }

# `lab matrix` mounts the lab read-only into OS images that have no .NET: it is published self-contained (with a
# self-contained engine worker beside it, lab/Lab.Cli/Lab.Cli.csproj), for this machine's architecture, which is also
# the architecture debootstrap builds the images for.
LAB_SELF_CONTAINED="$ARTIFACTS/lab-self-contained"

publish_self_contained() { publish_lab "$LAB_SELF_CONTAINED" true; }

# The matrix installs docker.io and debootstrap and starts dockerd itself when it runs as root and no engine answers
# (and stops that dockerd at the end); without root it says what to install or start and exits 2. Built images are kept
# in the engine and in ~/.cache/lab-matrix/images, named by their recipe's hash, and reused by the next run.
matrix_job() {
  need_dotnet; publish_self_contained
  mkdir -p results reports
  local status=0
  say "cross-OS matrix (lab matrix): the scenarios and quick benchmarks in bullseye, bookworm, trixie and sid"
  "$LAB_SELF_CONTAINED/lab" matrix --bench-quick --results results "$@" || status=$?
  # 1: failures found (the report shows them); anything else: it could not start (2) or was interrupted (130).
  [ "$status" -le 1 ] || die "lab matrix did not complete (exit code $status; see above)"
  say "report (lab report)"
  "$LAB_SELF_CONTAINED/lab" report --results results --reports reports
  [ "$status" = 0 ] || die "the matrix found failed cells or rows, or unexplained cross-image divergences (see above and reports/summary.md)"
  say "done: reports/index.html (section Cross-OS matrix), reports/summary.md, results/matrix-*/"
}

main_job() {
  need_dotnet; need_python; publish
  mkdir -p results reports
  local status=0
  say "scenarios on every subject (lab run)"
  "$LAB" run --results results || status=$?
  say "quick benchmarks (lab bench --quick)"
  "$LAB" bench --quick --results results || status=$?
  say "systematic testing: the seeded-bug corpus, schedules/s in process and across processes (lab explore)"
  "$LAB" explore corpus --seeds 3 --results results || status=$?
  "$LAB" explore --bench --n 10 --results results || status=$?
  "$LAB" explore --bench --processes --n 3 --results results || status=$?
  say "report (lab report)"
  "$LAB" report --results results --reports reports
  [ "$status" = 0 ] || die "some scenarios failed or diverged (see above and reports/summary.md)"
  say "done: reports/index.html, reports/summary.md, results/*.csv"
}

# Sums the counters of every TRX file written by this run.
trx_counts() {
  local passed=0 failed=0 skipped=0 f line
  for f in "$ARTIFACTS"/test-results/*.trx; do
    [ -e "$f" ] || continue
    line=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$line") + $(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$line") + $(sed -E 's/.* timeout="([0-9]+)".*/\1/' <<<"$line") + $(sed -E 's/.* aborted="([0-9]+)".*/\1/' <<<"$line")))
    skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$line")))
  done
  echo "$passed $failed $skipped"
}

test_job() {
  need_dotnet; need_python; build
  # The matrix's end-to-end test runs the lab in containers on Docker engines it starts itself, which needs root;
  # elsewhere it skips with its reason and needs no published lab.
  if [ "$(id -u)" = 0 ]; then publish_self_contained; export LAB_MATRIX_LAB="$LAB_SELF_CONTAINED"; fi
  rm -rf "$ARTIFACTS/test-results"; mkdir -p "$ARTIFACTS/test-results"
  local started="$ARTIFACTS/test-results/.started"; touch "$started"
  local status=0 passed failed skipped
  # The hang limit is per test: the matrix's end-to-end test builds its OS image with debootstrap on a fresh machine
  # (one to four minutes on two busy cores) before it runs its containers.
  say "dotnet test (a hung test host is killed after 12 minutes and reported)"
  dotnet test Lab.sln -c "$CONFIG" --no-build --verbosity quiet \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$ARTIFACTS/test-results" \
    --blame-hang-timeout 12m || status=$?
  read -r passed failed skipped < <(trx_counts)

  if command -v python3 >/dev/null 2>&1; then
    say "CPython driver tests (python3 -m unittest)"
    local log="$ARTIFACTS/test-results/python.log" ran bad pyskip
    python3 -m unittest discover -s scenarios/cpython -p 'test_*.py' >"$log" 2>&1 || status=$?
    tail -n 5 "$log"
    ran=$(grep -oE '^Ran [0-9]+ test' "$log" | grep -oE '[0-9]+' || echo 0)
    bad=$(( $(grep -oE 'failures=[0-9]+' "$log" | grep -oE '[0-9]+' || echo 0) + $(grep -oE 'errors=[0-9]+' "$log" | grep -oE '[0-9]+' || echo 0) ))
    pyskip=$(grep -oE 'skipped=[0-9]+' "$log" | grep -oE '[0-9]+' || echo 0)
    passed=$((passed + ran - bad - pyskip)); failed=$((failed + bad)); skipped=$((skipped + pyskip))
  fi

  # House rule 4, checked from outside: nothing the tests started may still be running.
  local leftovers
  # Only this checkout's workers: the machine is shared, and other checkouts' test runs start workers of their own.
  leftovers=$(pgrep -f "$ROOT/.*Lab.Engine.Worker" || true)
  if [ -n "$leftovers" ]; then
    echo "leftover engine children after the tests: $leftovers" >&2
    ps -o pid,ppid,stat,etime,args -p "$(tr '\n' ',' <<<"$leftovers" | sed 's/,$//')" >&2 || true
    failed=$((failed + 1)); status=1
  fi
  # And nothing they created may remain in /dev/shm (the engine names its blocks lab_*; its locks, queues and
  # values use anonymous memory and cannot leak by name).
  local shm
  shm=$(ls /dev/shm 2>/dev/null | grep '^lab_' || true)
  if [ -n "$shm" ]; then
    echo "leftover shared memory after the tests: $shm" >&2
    failed=$((failed + 1)); status=1
  fi
  # Nor the runtime's diagnostics files of a process that is gone: a .NET process removes its
  # /tmp/clr-debug-pipe-PID-in (and the dotnet-diagnostic socket) only at a normal shutdown, so one that remains
  # for a dead pid is a killed process that had diagnostics on (engine workers run with them off).
  local stale="" f pid
  for f in $(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'clr-debug-pipe-*-in' -newer "$started" 2>/dev/null); do
    pid=$(basename "$f" | cut -d- -f4)
    kill -0 "$pid" 2>/dev/null || stale="$stale $pid"
  done
  if [ -n "$stale" ]; then
    echo "diagnostics files left in ${TMPDIR:-/tmp} by killed .NET processes:$stale" >&2
    failed=$((failed + 1)); status=1
  fi
  # Nor Docker daemons, containers or images: the matrix test's engines live under ${TMPDIR:-/tmp}/lab-mx-* (their
  # data roots hold the images they imported) and must be stopped and removed.
  local daemons
  daemons=$(pgrep -f 'dockerd .*lab-mx-' || true)
  if [ -n "$daemons" ] || compgen -G "${TMPDIR:-/tmp}/lab-mx-*" >/dev/null; then
    echo "Docker daemons or their folders left by the matrix test: ${daemons:-none running}; $(ls -d "${TMPDIR:-/tmp}"/lab-mx-* 2>/dev/null | tr '\n' ' ')" >&2
    failed=$((failed + 1)); status=1
  fi
  [ "$failed" = 0 ] || status=1
  echo "tests: $passed passed, $failed failed, $skipped skipped"
  return "$status"
}

case "${1:-main}" in
  main) main_job ;;
  test) test_job ;;
  matrix) shift; matrix_job "$@" ;;
  *) die "unknown command '$1': use './run-all.sh' (main job), './run-all.sh test' or './run-all.sh matrix'" ;;
esac
