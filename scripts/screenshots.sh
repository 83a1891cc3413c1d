#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots: starts the server jar on a free loopback port with a
# throw-away data directory, six bots (client-core with voice, synthetic microphones; three with
# the synthetic camera, one sharing a synthetic screen) spread over the office's areas, and the desktop app under Xvfb (a synthetic microphone and a recording
# speaker stand in for a sound card), which walks through its screens and saves a PNG of each.
# Needs a JDK 25 (found like ./skyscope does), xvfb and libgtk-3-0 (installed with apt if missing
# and running as root). Usage: scripts/screenshots.sh [OUT_DIR=docs/screenshots] [BOTS=6]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-docs/screenshots}"
BOTS="${2:-6}"

for d in "${JAVA_HOME:-}" /usr/lib/jvm/*/; do
  d="${d%/}"
  if [[ -n "$d" && -x "$d/bin/javac" && -f "$d/release" ]] \
     && [[ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")" -ge 25 ]]; then
    export JAVA_HOME="$d"; break
  fi
done
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] || { echo "needs a JDK 25 (set JAVA_HOME)" >&2; exit 1; }
JAVA="$JAVA_HOME/bin/java"

if ! command -v xvfb-run >/dev/null || ! ldconfig -p | grep -q libgtk-3.so.0; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y xvfb libgtk-3-0 >/dev/null
  else
    echo "install xvfb and libgtk-3-0 first (apt-get install -y xvfb libgtk-3-0)" >&2; exit 1
  fi
fi

echo "building…"
# One reactor build (no install: the sibling modules resolve to their own target directories).
./mvnw -B -q -pl desktop-client -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
CP="desktop-client/target/test-classes:desktop-client/target/classes:$(cat desktop-client/target/test-classpath.txt)"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DATA="$(mktemp -d)"
LOGS="$(mktemp -d)"
URL="http://127.0.0.1:$PORT/"
SERVER_PID=""
BOTS_PID=""
cleanup() {
  [[ -n "$BOTS_PID" ]] && kill "$BOTS_PID" 2>/dev/null || true
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

echo "server on $URL (log: $LOGS/server.log)"
HOST=127.0.0.1 PORT="$PORT" DATA_DIR="$DATA" "$JAVA" --enable-native-access=ALL-UNNAMED \
  -jar server/target/skyscope-server.jar >"$LOGS/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "${URL}health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOGS/server.log" >&2; exit 1; }
  sleep 0.5
done

echo "$BOTS bots walking (log: $LOGS/bots.log)"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" io.skyscope.desktop.tools.Bots "$URL" "$BOTS" 300 video >"$LOGS/bots.log" 2>&1 &
BOTS_PID=$!
sleep 4

echo "app under Xvfb…"
xvfb-run -a -s "-screen 0 1600x1000x24" "$JAVA" --enable-native-access=ALL-UNNAMED -Dprism.order=sw \
  -cp "$CP" io.skyscope.desktop.tools.ScreenshotTour "$URL" "$OUT"
ls -l "$OUT"
