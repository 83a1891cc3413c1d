#!/usr/bin/env bash
# Stage benchmark (StageBenchmark): 2 speakers and N listeners on a stage heard through a real Janus
# (AudioBridge), all headless voice clients in one benchmark JVM, for each N in a list.
#   scripts/stage.sh                                   # N = 25 50 100
#   STAGE_LISTENERS=100 scripts/stage.sh --seconds 60  # options after the script name go to StageBenchmark
# For each N, as their own child processes: `janus` in the foreground with a configuration folder of
# its own (as the tests' Janus writes it: HTTP API on a free port of 127.0.0.1, an API secret, signed
# tokens, an AudioBridge admin key, an RTP port range of its own), then the server jar with JANUS_URL,
# the secrets and MEDIA_STAGE_SIZE above N (MAX_SPEED=5000, so that a listener steps from the foyer to
# a seat in one move), then the benchmark JVM. Everything is stopped by its own PID; the RESULT line
# (with the commit) is appended to $STAGE_RESULTS (default $STAGE_DIR/stage-results.txt) and each
# run's output and logs are kept in $STAGE_DIR/run-N-* (STAGE_DIR defaults to /tmp/skyscope-stage).
#
# A benchmark JVM that dies after its report (webrtc-java has crashed in native code while 50 clients
# closed their links) does not stop the next N. Each N holds the shared build lock (STAGE_LOCK, default /tmp/skyscope-build.lock) for its whole run
# and releases it between runs: do not wrap this script in flock yourself. SERVER_JAVA_OPTS adds JVM
# options to the server, STAGE_JAVA_OPTS to the benchmark JVM (e.g. a JFR recording). Needs janus
# (Debian package janus), libpulse0, the server jar and the benchmarks jar
# (./skyscope mvn -B -q -Pbench -pl server,benchmarks -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
base="${STAGE_DIR:-/tmp/skyscope-stage}"
results="${STAGE_RESULTS:-$base/stage-results.txt}"
lock="${STAGE_LOCK-/tmp/skyscope-build.lock}"
lib=/usr/lib/x86_64-linux-gnu/janus
command -v janus >/dev/null || { echo "missing janus (Debian package janus: apt-get install -y janus)" >&2; exit 1; }
[[ -d "$lib/plugins" ]] || { echo "$lib/plugins is missing: install the Debian package janus" >&2; exit 1; }
[[ -f server/target/skyscope-server.jar && -f benchmarks/target/benchmarks.jar ]] || {
  echo "build first: ./skyscope mvn -B -q -Pbench -pl server,benchmarks -am package -DskipTests" >&2; exit 1; }
mkdir -p "$base"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- server shared-protocol client-core benchmarks || echo -dirty)"

pids=()
stop_all() { # SIGTERM; whatever has not ended within 10 s gets SIGKILL
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT
trap "exit 130" INT TERM

await_line() { # file pattern
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

free_tcp_port() {
  for _ in $(seq 1 100); do
    local p=$((20000 + RANDOM % 20000))
    ss -Hltn "sport = :$p" | grep -q . || { echo "$p"; return 0; }
  done
  echo "no free TCP port found" >&2; exit 1
}

secret() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Janus's configuration, as server/src/test/.../testing/Janus.java writes it, with a wider RTP range
# (one port per participant).
write_janus_config() { # dir http-port rtp-first api-secret token-secret admin-key
  local dir=$1 port=$2 rtp=$3
  mkdir -p "$dir"
  cat > "$dir/janus.jcfg" <<EOF
general: {
    configs_folder = "$dir"
    plugins_folder = "$lib/plugins"
    transports_folder = "$lib/transports"
    events_folder = "$lib/events"
    loggers_folder = "$lib/loggers"
    debug_level = 4
    server_name = "skyscope-stage-benchmark"
    interface = "127.0.0.1"
    session_timeout = 60
    api_secret = "$4"
    token_auth = true
    token_auth_secret = "$5"
    admin_secret = "$(secret)"
    hide_dependencies = true
    protected_folders = ["/"]
}
media: {
    rtp_port_range = "$rtp-$((rtp + 999))"
}
nat: {
    nice_debug = false
    ignore_mdns = true
    ice_ignore_list = "vmnet"
}
plugins: {
    disable = "libjanus_voicemail.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_nosip.so,libjanus_lua.so,libjanus_duktape.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_videoroom.so"
}
transports: {
    disable = "libjanus_websockets.so,libjanus_pfunix.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_rabbitmq.so"
}
loggers: {
    disable = "libjanus_jsonlog.so"
}
events: {
    broadcast = false
}
EOF
  cat > "$dir/janus.transport.http.jcfg" <<EOF
general: {
    json = "plain"
    base_path = "/janus"
    http = true
    port = $port
    ip = "127.0.0.1"
    https = false
}
admin: {
    admin_http = false
    admin_https = false
}
EOF
  cat > "$dir/janus.plugin.audiobridge.jcfg" <<EOF
general: {
    admin_key = "$6"
    lock_rtp_forward = true
    string_ids = false
}
EOF
  printf 'general: {\n}\n' > "$dir/janus.plugin.echotest.jcfg"
}

one_run() { # N, then the benchmark's options
  local n=$1; shift
  local run_dir
  run_dir="$(mktemp -d "$base/run-$n-$(date -u +%Y%m%dT%H%M%S)-XXXX")"
  local janus_port server_port rtp api_secret token_secret admin_key
  janus_port=$(free_tcp_port)
  server_port=$(free_tcp_port)
  rtp=$((30000 + RANDOM % 25000))
  api_secret=$(secret) token_secret=$(secret) admin_key=$(secret)
  write_janus_config "$run_dir/janus" "$janus_port" "$rtp" "$api_secret" "$token_secret" "$admin_key"
  janus -F "$run_dir/janus" -C "$run_dir/janus/janus.jcfg" -o > "$run_dir/janus.log" 2>&1 &
  local janus_pid=$!
  pids+=("$janus_pid")
  local url="http://127.0.0.1:$janus_port/janus"
  for _ in $(seq 1 200); do curl -sf -o /dev/null "$url/info" && break; sleep 0.1; done
  curl -sf -o /dev/null "$url/info" || { echo "janus did not answer on $url" >&2; cat "$run_dir/janus.log" >&2; exit 1; }

  # Every simulated user comes from 127.0.0.1: lift the per-address connection and registration limits.
  env HOST=127.0.0.1 PORT="$server_port" DATA_DIR="$run_dir/data" MAX_SPEED=5000 \
    MAX_CONNECTIONS_PER_ADDRESS=1000000 REGISTER_PER_ADDRESS_PER_HOUR=1000000 REGISTER_PER_HOUR=1000000 \
    JANUS_URL="$url" JANUS_API_SECRET="$api_secret" JANUS_TOKEN_SECRET="$token_secret" JANUS_ADMIN_KEY="$admin_key" \
    MEDIA_STAGE_SIZE=$((n + 10)) \
    "$java" -Xmx1g ${SERVER_JAVA_OPTS:-} -jar server/target/skyscope-server.jar > "$run_dir/server.log" 2>&1 &
  local server_pid=$!
  pids+=("$server_pid")
  await_line "$run_dir/server.log" "SkyScope is running"
  echo "N=$n: janus PID $janus_pid on $url, server PID $server_pid on port $server_port, output in $run_dir"
  "$java" -Xmx4g --enable-native-access=ALL-UNNAMED ${STAGE_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar \
    io.skyscope.bench.StageBenchmark --server "http://127.0.0.1:$server_port/" --janus-pid "$janus_pid" \
    --server-pid "$server_pid" --listeners "$n" "$@" 2>&1 | grep --line-buffered -v ' DEBUG ' | tee "$run_dir/stage.log" ||
    echo "the benchmark JVM ended with status ${PIPESTATUS[0]} (its RESULT line, if printed, is kept)" >&2
  stop_all
  grep '^RESULT ' "$run_dir/stage.log" | sed "s/\$/ commit=$commit/" >> "$results" || true
}

for n in ${STAGE_LISTENERS:-25 50 100}; do
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
