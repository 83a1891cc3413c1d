#!/usr/bin/env bash
# Crowd benchmark (CrowdBenchmark): N users in one space on the open floor, for each N in a list, each
# N against a fresh server process (one node, started as scripts/load.sh 1 starts it).
#   scripts/crowd.sh                                    # N = 100 400 800 1200 2000 3200 5000, JSON presence
#   CROWD_USERS="100 400" scripts/crowd.sh --presence binary --seconds 60
#   CROWD_USERS=5000 scripts/crowd.sh --sign-in-only true   # register the accounts once, no run
# Options after the script name go to CrowdBenchmark unchanged. For each N: start the server, wait for
# it, record its idle RSS, run the benchmark, stop the server by PID, append the RESULT line (with the
# commit) to $CROWD_RESULTS (default $LOAD_DIR/crowd-results.txt) and keep the run's output in
# $LOAD_DIR/nodes-1/crowd-N-*.log.
#
# LOAD_DIR (default /tmp/crowd-accounts) holds the server's data and the users' refresh tokens, laid
# out as scripts/load.sh lays out its own (nodes-1/node1, nodes-1/accounts.txt), so that the users are
# registered only once (Argon2id: 5,000 take minutes) and later runs sign them in by refresh token.
# Keep it between runs; LOAD_DIR=/tmp/crowd-accounts scripts/load.sh 1 ... shares the same accounts.
#
# Each N holds the shared build lock (CROWD_LOCK, default /tmp/skyscope-build.lock) for its whole run
# and releases it between runs: do not wrap this script in flock yourself. SERVER_JAVA_OPTS adds JVM
# options to the server, CROWD_JAVA_OPTS to the load generator. Needs the server jar and the benchmarks
# jar (./skyscope mvn -B -q -Pbench -pl server,benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
base="${LOAD_DIR:-/tmp/crowd-accounts}"
dir="$base/nodes-1"
results="${CROWD_RESULTS:-$base/crowd-results.txt}"
lock="${CROWD_LOCK-/tmp/skyscope-build.lock}"
mkdir -p "$dir"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- server shared-protocol benchmarks || echo -dirty)"
server_pid=
stop_server() { # SIGTERM; SIGKILL if it has not ended within 10 s
  [[ -n "$server_pid" ]] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
trap stop_server EXIT
trap "exit 130" INT TERM

await_line() { # file pattern
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

# Every simulated user comes from 127.0.0.1: lift the per-address connection and registration limits.
server_env=(HOST=127.0.0.1 MAX_CONNECTIONS_PER_ADDRESS=1000000 REGISTER_PER_ADDRESS_PER_HOUR=1000000
            REGISTER_PER_HOUR=1000000)
port=18181

one_run() { # N, then the benchmark's options
  local n=$1; shift
  local log="$dir/crowd-$n-$(date -u +%Y%m%dT%H%M%S).log"
  env "${server_env[@]}" PORT=$port DATA_DIR="$dir/node1" \
    "$java" -Xmx3g ${SERVER_JAVA_OPTS:-} -jar server/target/skyscope-server.jar > "$dir/node1.log" 2>&1 &
  server_pid=$!
  await_line "$dir/node1.log" "SkyScope is running"
  sleep 2
  local idle_rss
  idle_rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status")
  echo "N=$n: server PID $server_pid, idle RSS $((idle_rss / 1024)) MiB, output in $log"
  "$java" -Xmx4g ${CROWD_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar io.skyscope.bench.load.CrowdBenchmark \
    --server "http://127.0.0.1:$port/" --server-pid "$server_pid" --idle-rss-kib "$idle_rss" \
    --accounts "$dir/accounts.txt" --users "$n" "$@" 2>&1 | grep --line-buffered -v ' DEBUG ' | tee "$log"
  stop_server
  grep '^RESULT ' "$log" | sed "s/\$/ commit=$commit/" >> "$results" || true
}

for n in ${CROWD_USERS:-100 400 800 1200 2000 3200 5000}; do
  if [[ -n "$lock" ]]; then
    exec {fd}>>"$lock"
    flock "$fd"
    one_run "$n" "$@"
    exec {fd}>&-
  else
    one_run "$n" "$@"
  fi
done
echo "results appended to $results"
