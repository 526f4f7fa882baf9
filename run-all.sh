#!/usr/bin/env bash
# The lab's entry points (README.md):
#   ./run-all.sh        the main job: build, run every scenario on every subject, run the quick benchmarks and the
#                       systematic tester's corpus and throughput figures, render the report (results/*.csv, reports/index.html, reports/summary.md)
#   ./run-all.sh test   the test suite; ends with one line "tests: N passed, N failed, N skipped"
#   ./run-all.sh nightly [--fail-on-regression] [--keep N]
#                       the nightly performance job: every scenario, the full benchmarks, lab compare against the
#                       history in results/, the report; exit 1 on a regression when asked; --keep prunes the history
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

# need_package COMMAND PACKAGE WHAT: COMMAND is on PATH, or PACKAGE is installed with apt when running as root; otherwise
# one line says what will be skipped and how to install it.
need_package() {
  local cmd=$1 package=$2 what=$3
  if command -v "$cmd" >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $package ($what)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; } ||
      echo "run-all.sh: $package could not be installed: $what will be skipped" >&2
  else
    echo "run-all.sh: $cmd not found: $what will be skipped (install it with 'apt-get install $package')" >&2
  fi
}

need_python() { need_package python3 python3 "the cpython subject"; }

# PyPy (Debian's pypy3, Python 3.9 semantics) is the third subject: the same driver and twins as CPython.
need_pypy() { need_package pypy3 pypy3 "the pypy subject"; }

# The local dotnet tools (.config/dotnet-tools.json): Microsoft.Coyote.CLI, whose `coyote rewrite` is a build step of
# scenarios/Lab.Systematic.Coyote. It targets .NET 8 and runs here on .NET 10 by roll-forward (the manifest says so);
# its telemetry is off.
export COYOTE_CLI_TELEMETRY_OPTOUT=1
restore_tools() {
  say "restore dotnet tools (coyote)"
  dotnet tool restore --verbosity quiet
}

# The browser test of the report drives Debian's chromium (Playwright, no browser download); without it that test is
# skipped with its reason.
need_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  need_package chromium chromium "the browser test of the report"
}

# Native AOT workers (issue #11; README.md, "Native AOT workers"): the lab's AOT worker host is published with Native
# AOT, which links with clang against zlib. Without them, what runs on AOT workers is skipped with its reason.
AOT_WORKER_DIR="$ARTIFACTS/aot-worker"
need_native_toolchain() {
  need_package clang clang "Native AOT workers"
  if ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing zlib1g-dev (Native AOT workers)"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zlib1g-dev >/dev/null; } ||
        echo "run-all.sh: zlib1g-dev could not be installed: Native AOT workers will be skipped" >&2
    else
      echo "run-all.sh: zlib1g-dev not installed: Native AOT workers will be skipped (install it with 'apt-get install zlib1g-dev')" >&2
    fi
  fi
}

# Publishes the AOT worker host (about 40 s) and names it in LAB_AOT_WORKER_HOST, which the tests and the lab read. Not
# LAB_ENGINE_AOT_WORKER: that one would make every engine process in the run give compiled-in targets AOT children.
publish_aot_worker() {
  need_native_toolchain
  if ! command -v clang >/dev/null 2>&1 || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then return 0; fi
  say "publish the Native AOT worker host to $AOT_WORKER_DIR"
  rm -rf "$AOT_WORKER_DIR"; mkdir -p "$ARTIFACTS"
  if dotnet publish scenarios/Lab.Scenarios.Worker.Aot -c "$CONFIG" -r "$(runtime_id)" -o "$AOT_WORKER_DIR" --verbosity quiet -nologo \
      -p:TreatWarningsAsErrors=false >"$ARTIFACTS/aot-worker-publish.log" 2>&1; then
    export LAB_AOT_WORKER_HOST="$AOT_WORKER_DIR/Lab.Scenarios.Worker.Aot"
  else
    tail -n 20 "$ARTIFACTS/aot-worker-publish.log" >&2
    die "the Native AOT worker host did not publish (log: $ARTIFACTS/aot-worker-publish.log)"
  fi
}

build() {
  restore_tools
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
  need_dotnet; need_python; need_pypy; restore_tools; publish
  publish_aot_worker
  mkdir -p results reports
  local status=0
  say "scenarios on every subject (lab run)"
  "$LAB" run --results results || status=$?
  say "quick benchmarks (lab bench --quick)"
  "$LAB" bench --quick --results results || status=$?
  say "systematic testing: the seeded-bug corpus under our tester and Coyote, schedules/s in process and across processes (lab explore)"
  # Both testers side by side (issue #13): 3 seeds, bugs searched within 2,000 iterations, twins explored through 200
  # (Coyote runs a few hundred schedules a second here: larger budgets would take most of the job).
  "$LAB" explore corpus --tester both --seeds 3 --iterations 2000 --twin-iterations 200 --results results || status=$?
  "$LAB" explore --bench --n 10 --results results || status=$?
  "$LAB" explore --bench --processes --n 3 --results results || status=$?
  # Issue #11 §5: the same across real processes with the children on the Native AOT worker.
  if [ -n "${LAB_AOT_WORKER_HOST:-}" ]; then
    "$LAB" explore --bench --processes --worker aot --n 3 --results results || status=$?
  fi
  say "report (lab report)"
  "$LAB" report --results results --reports reports
  [ "$status" = 0 ] || die "some scenarios failed or diverged (see above and reports/summary.md)"
  say "done: reports/index.html, reports/summary.md, results/*.csv"
}

# The nightly performance job (README.md, "Nightly performance reports"). What must be kept between nights is results/
# (the history lab compare reads); reports/ is rendered anew. A cron line:
#   15 2 * * *  cd /srv/lab && ./run-all.sh nightly --fail-on-regression --keep 90 >>/var/log/lab-nightly.log 2>&1
nightly_job() {
  local fail_on_regression="" keep=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --fail-on-regression) fail_on_regression=--fail-on-regression ;;
      --keep) [ $# -ge 2 ] || die "--keep needs a number of runs"; keep=$2; shift ;;
      *) die "unknown nightly option '$1': use --fail-on-regression and --keep N" ;;
    esac
    shift
  done
  need_dotnet; need_python; need_pypy; restore_tools; publish
  publish_aot_worker
  mkdir -p results reports
  local status=0 regression=0 compared
  say "scenarios on every subject (lab run)"
  "$LAB" run --results results --junit reports/junit.xml || status=$?
  say "full benchmarks (lab bench)"
  "$LAB" bench --results results || status=$?
  say "compare with the history (lab compare)"
  compared=0; "$LAB" compare --history results $fail_on_regression || compared=$?
  case "$compared" in 0) ;; 1) regression=1 ;; *) status=$compared ;; esac
  say "report (lab report)"
  "$LAB" report --results results --reports reports
  if [ -n "$keep" ]; then
    say "prune the history (lab history prune --keep $keep)"
    "$LAB" history prune --history results --keep "$keep"
  fi
  say "done: reports/index.html (what changed is at the top), reports/summary.md, reports/junit.xml, results/compare-*.csv"
  [ "$regression" = 0 ] || die "lab compare found a regression (see above and the top of reports/summary.md)"
  [ "$status" = 0 ] || die "some scenarios failed, a benchmark could not be measured or the comparison could not run (see above and reports/summary.md)"
}

# attr NAME TEXT: the value of the XML attribute NAME in TEXT (0 when it is absent).
attr() { local v; v=$(grep -oE "[[:space:]]$1=\"[0-9]+\"" <<<"$2" | grep -oE '[0-9]+' | head -n1); echo "${v:-0}"; }

# Sums the counters of every TRX file written by this run (<Counters total=".." passed=".." failed=".." .../>; the
# attributes' order and presence are not fixed).
trx_counts() {
  local passed=0 failed=0 skipped=0 f line
  for f in "$ARTIFACTS"/test-results/*.trx; do
    [ -e "$f" ] || continue
    line=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
    passed=$((passed + $(attr passed "$line")))
    failed=$((failed + $(attr failed "$line") + $(attr error "$line") + $(attr timeout "$line") + $(attr aborted "$line")))
    skipped=$((skipped + $(attr notExecuted "$line")))
  done
  echo "$passed $failed $skipped"
}

# Processes started by this test run carry LAB_TEST_RUN in their environment (bash's own /proc/PID/environ keeps only
# what it was started with, so the mark is on the programs it runs, not on itself): what is left at the end is looked
# for among them, not among every engine process on the machine (another job's workers are not ours).
our_leftovers() {
  local f pid cmd
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}; pid=${pid%/environ}
    { tr '\0' '\n' <"$f"; } 2>/dev/null | grep -qxF "LAB_TEST_RUN=$LAB_TEST_RUN" || continue
    cmd=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || continue
    case "$cmd" in *Lab.Engine.Worker*|*Lab.Scenarios.Worker.Aot*|*lab_driver.py*) echo "$pid" ;; esac
  done
}

test_job() {
  need_dotnet; need_python; need_pypy; need_chromium; build
  # The matrix's end-to-end test runs the lab in containers on Docker engines it starts itself, which needs root;
  # elsewhere it skips with its reason and needs no published lab.
  if [ "$(id -u)" = 0 ]; then publish_self_contained; export LAB_MATRIX_LAB="$LAB_SELF_CONTAINED"; fi
  publish_aot_worker
  rm -rf "$ARTIFACTS/test-results"; mkdir -p "$ARTIFACTS/test-results"
  # A temporary directory of this run's own: every temporary file the
  # tests make land there, apart from other jobs' on the same machine. Short, for Unix socket paths (108 bytes).
  export LAB_TEST_RUN="run-$$-$(date +%s)"
  local tmp; tmp=$(mktemp -d /tmp/lab-test.XXXXXX)
  export TMPDIR="$tmp"
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
  leftovers=$(our_leftovers)
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
  # Nor Docker daemons, containers or images: the matrix test's engines live under ${TMPDIR:-/tmp}/lab-mx-* (their
  # data roots hold the images they imported) and must be stopped and removed.
  local daemons
  daemons=$(pgrep -f "dockerd .*${TMPDIR:-/tmp}/lab-mx-" || true)
  if [ -n "$daemons" ] || compgen -G "${TMPDIR:-/tmp}/lab-mx-*" >/dev/null; then
    echo "Docker daemons or their folders left by the matrix test: ${daemons:-none running}; $(ls -d "${TMPDIR:-/tmp}"/lab-mx-* 2>/dev/null | tr '\n' ' ')" >&2
    failed=$((failed + 1)); status=1
  fi
  rm -rf "$tmp"
  [ "$failed" = 0 ] || status=1
  echo "tests: $passed passed, $failed failed, $skipped skipped"
  return "$status"
}

case "${1:-main}" in
  main) main_job ;;
  test) test_job ;;
  nightly) shift; nightly_job "$@" ;;
  matrix) shift; matrix_job "$@" ;;
  *) die "unknown command '$1': use './run-all.sh' (main job), './run-all.sh test', './run-all.sh nightly' or './run-all.sh matrix'" ;;
esac
