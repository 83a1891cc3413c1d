package io.skyscope.installers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's docker-compose.yml as docker-compose resolves it (Debian's docker-compose 1.29,
 * which validates and interpolates a file without a Docker engine), with the settings an operator
 * puts in .env given as an env file.
 */
final class Compose {
    /** The repository root (the build passes it; tests run in the installers module). */
    static final Path REPO = Path.of(System.getProperty("skyscope.repo", "..")).toAbsolutePath().normalize();
    static final Path FILE = REPO.resolve("docker-compose.yml");

    /** What a filled-in .env could hold. */
    static final Map<String, String> SETTINGS = Map.of(
            "JWT_SECRET", "test-jwt-secret-0123456789abcdef0123456789",
            "PUBLIC_URL", "https://office.example.com",
            "ADMIN_USERNAME", "boss",
            "TURN_HOST", "turn.example.com",
            "TURN_EXTERNAL_IP", "203.0.113.7",
            "TURN_SECRET", "test-turn-secret-0123456789");

    private Compose() {
    }

    /** What {@code docker-compose config} (with {@code extraArgs}) printed and how it ended. */
    record Run(int exitCode, String output) {
    }

    static Run config(Map<String, String> settings, Path workDir, String... extraArgs) {
        Prerequisites.command("docker-compose", "docker-compose");
        Path envFile = workDir.resolve("compose.env");
        StringBuilder env = new StringBuilder();
        settings.forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(envFile, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var command = new java.util.ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString(),
                "-f", FILE.toString(), "config"));
        command.addAll(List.of(extraArgs));
        // The caller's own environment would override the env file: hand over none of the variables.
        Map<String, String> childEnv = new HashMap<>();
        for (String name : variables()) {
            childEnv.put(name, null);
        }
        try (var compose = ChildProcess.start("docker-compose config", command, childEnv, REPO)) {
            int exit = compose.waitFor(Duration.ofSeconds(60));
            return new Run(exit, compose.output());
        }
    }

    /** The resolved file, failing with docker-compose's message if it is not valid. */
    static JsonNode resolved(Map<String, String> settings, Path workDir) {
        Run run = config(settings, workDir);
        if (run.exitCode() != 0) {
            throw new AssertionError("docker-compose config failed (" + run.exitCode() + "):\n" + run.output());
        }
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(run.output());
        } catch (IOException e) {
            throw new AssertionError("docker-compose config printed no YAML:\n" + run.output(), e);
        }
    }

    /** The environment of one service, as a map. */
    static Map<String, String> environment(JsonNode config, String service) {
        Map<String, String> env = new LinkedHashMap<>();
        config.path("services").path(service).path("environment").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** Every variable the compose file reads from .env ({@code ${NAME…}}). */
    static List<String> variables() {
        try {
            Matcher m = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)").matcher(Files.readString(FILE));
            return m.results().map(r -> r.group(1)).distinct().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
