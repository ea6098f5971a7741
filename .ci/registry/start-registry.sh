#!/usr/bin/env bash
# Copied from the team's shared tools (shared/tools/apicurio) so that a clean clone has it.
# Build (once) and run Apicurio Registry 2.4.2.Final as a Confluent-compatible schema
# registry (http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7), in-memory storage, no Docker.
#
#   start-registry.sh build   # build only (needs Maven + Maven Central; ~1 min, ~230 MB in ~/.m2)
#   start-registry.sh start   # build if needed, start in background, wait until ready
#   start-registry.sh stop    # stop the instance started by 'start'
#
# Env: REGISTRY_PORT (default 8081), REGISTRY_BUILD_DIR (default ${TMPDIR:-/tmp}/apicurio-registry-2.4.2),
#      REGISTRY_JAVA_OPTS (default: small heap, fast start), JAVA_HOME (optional; Java 17+).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_DIR=${REGISTRY_BUILD_DIR:-${TMPDIR:-/tmp}/apicurio-registry-2.4.2}
PORT=${REGISTRY_PORT:-8081}
JAVA_OPTS=${REGISTRY_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
RUNNER=$BUILD_DIR/target/apicurio-registry-rebuild-2.4.2.Final-runner.jar
PIDFILE=$BUILD_DIR/registry-$PORT.pid
LOG=$BUILD_DIR/registry-$PORT.log

build() {
  if [ -f "$RUNNER" ] && cmp -s "$HERE/pom.xml" "$BUILD_DIR/pom.xml"; then return 0; fi
  mkdir -p "$BUILD_DIR"
  cp "$HERE/pom.xml" "$BUILD_DIR/pom.xml"
  (cd "$BUILD_DIR" && mvn -B -q package -DskipTests)
  [ -f "$RUNNER" ] || { echo "build produced no $RUNNER" >&2; exit 1; }
}

start() {
  build
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "already running (pid $(cat "$PIDFILE")) on port $PORT"; return 0
  fi
  # shellcheck disable=SC2086
  nohup "$JAVA" $JAVA_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -jar "$RUNNER" >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/ready"; then
      echo "registry ready: http://127.0.0.1:$PORT/apis/ccompat/v7 (pid $(cat "$PIDFILE"))"; return 0
    fi
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { echo "registry exited; see $LOG" >&2; tail -30 "$LOG" >&2; exit 1; }
    sleep 0.25
  done
  echo "registry not ready after 60 s; see $LOG" >&2; exit 1
}

stop() {
  [ -f "$PIDFILE" ] || { echo "not running"; return 0; }
  pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$PIDFILE"; echo "stopped"
}

case "${1:-start}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [build|start|stop]" >&2; exit 2 ;;
esac
