# syntax=docker/dockerfile:1
# The SkyScope server image. Built by docker-compose.yml (`docker compose build`) or on its own:
#   docker build -t skyscope-server .
# Stage 1 builds server/target/skyscope-server.jar with the Maven wrapper on a JDK 25; stage 2 runs
# it on a JRE 25 as an unprivileged user, with its data (embedded store, generated secrets) in /data.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true -pl server -am package

FROM eclipse-temurin:25-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin skyscope \
    && mkdir -p /data && chown skyscope /data
COPY --from=build /src/server/target/skyscope-server.jar /app/skyscope-server.jar
USER skyscope
ENV HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-jar", "/app/skyscope-server.jar"]
