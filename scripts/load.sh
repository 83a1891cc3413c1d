#!/usr/bin/env bash
# Load benchmark against one node or two nodes on this machine, each a separate process.
#   scripts/load.sh 1 --users 500 --spaces 1 --map floor --seconds 60
#   scripts/load.sh 2 --users 2000 --spaces 1 --map floor --seconds 60
# One node: the server jar on embedded defaults. Two nodes: a redis-server, a standalone store
# process (mongo-java-server, MONGO_URI) and two server jars sharing them, the users dealt out over
# both. Everything it starts is stopped by PID on exit; data goes to a fresh directory under
# ${LOAD_DIR:-/tmp/skyscope-load} (kept between runs, with the users' refresh tokens, so that only the
# first run registers them). Needs: the server jar and test classes, the benchmarks jar
# (./skyscope mvn -B -q -Pbench -pl server,benchmarks -am package -DskipTests... see docs/benchmarks.md),
# and redis-server for two nodes. SERVER_JAVA_OPTS adds JVM options to the server(s), e.g. a JFR recording.
set -euo pipefail
cd "$(dirname "$0")/.."
nodes="${1:?usage: scripts/load.sh 1|2 [LoadBenchmark options]}"
shift
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
dir="${LOAD_DIR:-/tmp/skyscope-load}/nodes-$nodes"
mkdir -p "$dir"
pids=()
cleanup() { # SIGTERM; whatever has not ended within 10 s gets SIGKILL (the store can hang closing)
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ( sleep 10; for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done ) &
  local watchdog=$!
  wait "${pids[@]}" 2>/dev/null || true
  kill "$watchdog" 2>/dev/null || true
}
trap cleanup EXIT

await_line() { # file pattern
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

# Every simulated user comes from 127.0.0.1: lift the per-address connection and registration limits.
server_env=(HOST=127.0.0.1 MAX_CONNECTIONS_PER_ADDRESS=1000000 REGISTER_PER_ADDRESS_PER_HOUR=1000000
            REGISTER_PER_HOUR=1000000)
if [[ "$nodes" == 2 ]]; then
  command -v redis-server >/dev/null || { echo "missing redis-server (Debian package redis-server)" >&2; exit 1; }
  redis-server --port 16379 --bind 127.0.0.1 --save "" --appendonly no > "$dir/redis.log" 2>&1 &
  pids+=($!)
  "$java" -cp server/target/skyscope-server.jar:server/target/test-classes io.skyscope.server.testing.StoreMain \
    27777 "$dir/store" > "$dir/store.log" 2>&1 &
  pids+=($!)
  await_line "$dir/store.log" "store listening"
  await_line "$dir/redis.log" "Ready to accept connections"
  server_env+=(MONGO_URI=mongodb://127.0.0.1:27777/skyscope REDIS_URL=redis://127.0.0.1:16379
               JWT_SECRET=load-benchmark-secret-load-benchmark-secret)
fi

urls=() server_pids=()
for n in $(seq 1 "$nodes"); do
  port=$((18180 + n))
  env "${server_env[@]}" PORT=$port DATA_DIR="$dir/node$n" \
    "$java" -Xmx3g ${SERVER_JAVA_OPTS:-} -jar server/target/skyscope-server.jar > "$dir/node$n.log" 2>&1 &
  pids+=($!) server_pids+=($!)
  urls+=("http://127.0.0.1:$port/")
  await_line "$dir/node$n.log" "SkyScope is running"
done

"$java" -Xmx4g -cp benchmarks/target/benchmarks.jar io.skyscope.bench.load.LoadBenchmark \
  --server "$(IFS=,; echo "${urls[*]}")" --server-pid "$(IFS=,; echo "${server_pids[*]}")" \
  --accounts "$dir/accounts.txt" "$@" 2>&1 | grep -v ' DEBUG '
