#!/usr/bin/env bash
# Milliseconds per rendered frame of the desktop client's office view with 50, 200 and 500 moving
# avatars (RenderBenchmark in desktop-client's test sources). Runs on JavaFX's own headless
# platform with software rendering, so it needs no display. Usage: scripts/render-benchmark.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*/; do
  d="${d%/}"
  if [[ -n "$d" && -x "$d/bin/javac" && -f "$d/release" ]] \
     && [[ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")" -ge 25 ]]; then
    export JAVA_HOME="$d"; break
  fi
done
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] || { echo "needs a JDK 25 (set JAVA_HOME)" >&2; exit 1; }

./mvnw -B -q install -DskipTests -pl desktop-client -am
./mvnw -B -q -pl desktop-client dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
CP="desktop-client/target/test-classes:desktop-client/target/classes:$(cat desktop-client/target/test-classpath.txt)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -Dglass.platform=Headless -Dprism.order=sw -Djavafx.animation.fullspeed=true \
  -cp "$CP" io.skyscope.desktop.bench.RenderBenchmark "$@"
