#!/usr/bin/env bash
# Run a throwaway Neo4j 5.26 (embedded Community, Bolt only, auth off) for the test suite.
#
#   tools/neo4j-test.sh start   build the launcher if needed, start it on a clean data dir, wait for Bolt
#   tools/neo4j-test.sh stop    SIGTERM, wait, then SIGKILL if it hangs
#   tools/neo4j-test.sh uri     print the Bolt URI (bolt://127.0.0.1:$NEO4J_TEST_PORT)
#   tools/neo4j-test.sh status  exit 0 if running
#
# Env: NEO4J_TEST_PORT (default 7688), NEO4J_TEST_TIMEOUT (seconds, default 180),
#      NEO4J_TEST_JAVA_OPTS (JVM flags; e.g. "-Xmx2g -Dkg.pagecache.mb=1024" for a 10,000-document
#      graph), MVN (maven command, default mvn), NEO4J_TEST_STATE (state folder, default .neo4j-test/ at
#      the repo root; give a second server its own folder to run two from one checkout), NEO4J_TEST_KEEP_DATA
#      (1: start on the data the folder holds, e.g. a big imported graph with cold caches, not a clean one).
# The state folder holds data/, neo4j.log, build.log, pid.
# The default heap (1 GB) holds the plan cache the suite fills: narrowed reads (graph/projection.py) make
# a statement per selection, and with 512 MB the cached plans filled the old generation (500 full
# collections, half of a 40-minute run spent in them). The JIT is left whole: stopped at its first tier
# (-XX:TieredStopAtLevel=1, quicker to start) the server took 979 s of CPU for the Neo4j cases of
# tests/test_aggregate_rollups.py, against 583 s with both tiers.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAUNCHER="$ROOT/tools/neo4j-launcher"
STATE="${NEO4J_TEST_STATE:-$ROOT/.neo4j-test}"
PIDFILE="$STATE/pid"
LOG="$STATE/neo4j.log"
BUILD_LOG="$STATE/build.log"
STAMP="$LAUNCHER/target/.built"
PORT="${NEO4J_TEST_PORT:-7688}"
TIMEOUT="${NEO4J_TEST_TIMEOUT:-180}"
MVN="${MVN:-mvn}"
read -r -a JAVA_OPTS <<<"${NEO4J_TEST_JAVA_OPTS:--Xms64m -Xmx1g -XX:+UseSerialGC}"

uri() { echo "bolt://127.0.0.1:$PORT"; }

die() {
    echo "neo4j-test: $*" >&2
    exit 1
}

# PID of our launcher if it is alive (guards against a recycled pid), else nothing.
running_pid() {
    local pid
    [[ -f "$PIDFILE" ]] || return 1
    pid="$(<"$PIDFILE")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kg.tools.Neo4jLauncher' || return 1
    echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

needs_build() {
    [[ -f "$STAMP" && -d "$LAUNCHER/target/lib" && -d "$LAUNCHER/target/classes" ]] || return 0
    [[ -n "$(find "$LAUNCHER/pom.xml" "$LAUNCHER/src" -newer "$STAMP" -print -quit)" ]]
}

build() {
    command -v "$MVN" >/dev/null || die "maven ($MVN) not found"
    echo "neo4j-test: building launcher (log: $BUILD_LOG)" >&2
    local mvn_args=(-B -q -Dstyle.color=never -f "$LAUNCHER/pom.xml" package)
    # Offline first (repeatable once ~/.m2 is warm), online only if something is missing.
    if ! "$MVN" -o "${mvn_args[@]}" >"$BUILD_LOG" 2>&1; then
        "$MVN" "${mvn_args[@]}" >>"$BUILD_LOG" 2>&1 || { tail -n 40 "$BUILD_LOG" >&2; die "launcher build failed"; }
    fi
    touch "$STAMP"
}

fail_start() {
    echo "neo4j-test: $*; last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2 || true
    stop  # leave nothing half-started behind
    exit 1
}

wait_ready() {
    local pid="$1" deadline=$((SECONDS + TIMEOUT))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || fail_start "launcher (pid $pid) exited during startup"
        if grep -q '^READY ' "$LOG" && port_open; then
            return 0
        fi
        sleep 0.5
    done
    fail_start "Neo4j not ready on $(uri) after ${TIMEOUT}s"
}

start() {
    local pid
    mkdir -p "$STATE"
    if pid="$(running_pid)"; then
        wait_ready "$pid"
        echo "neo4j-test: already running (pid $pid) at $(uri)" >&2
        uri
        return 0
    fi
    rm -f "$PIDFILE"
    port_open && die "port $PORT is already in use by another process (set NEO4J_TEST_PORT)"
    needs_build && build
    command -v java >/dev/null || die "java not found"

    [[ "${NEO4J_TEST_KEEP_DATA:-}" == 1 ]] || rm -rf "$STATE/data"
    mkdir -p "$STATE/data"
    nohup java "${JAVA_OPTS[@]}" -cp "$LAUNCHER/target/classes:$LAUNCHER/target/lib/*" \
        kg.tools.Neo4jLauncher "$PORT" "$STATE/data" >"$LOG" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PIDFILE"
    wait_ready "$pid"
    echo "neo4j-test: started (pid $pid) in ${SECONDS}s at $(uri)" >&2
    uri
}

stop() {
    local pid i
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        echo "neo4j-test: not running" >&2
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "neo4j-test: pid $pid ignored SIGTERM for 30s, killing" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
    echo "neo4j-test: stopped" >&2
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    uri) uri ;;
    status) running_pid >/dev/null ;;
    *)
        echo "usage: $0 start|stop|uri|status" >&2
        exit 2
        ;;
esac
