package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs the headless CLI in this JVM against a test server, for the CLI's end-to-end tests. */
final class CliRuns {
    private CliRuns() {
    }

    record Run(int code, String out, String err) {
    }

    /**
     * Runs the CLI as {@code name} (registered on first use as display name Name) with the script,
     * and any {@code more} options.
     */
    static Run run(ServerExtension server, Path script, String name, String... more) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String display = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String user = name + "-" + ProcessHandle.current().pid();
        List<String> args = new ArrayList<>(List.of("--server", server.base().toString(), "--user", user,
                "--register", display, "--script", script.toString()));
        args.addAll(List.of(more));
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true), new PrintStream(err, true),
                "quiet harbour lanterns glow");
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs two users' scripts at once (name and script of each, and any {@code more} options for
     * both), checks that both succeeded, and returns their runs in that order. Each user runs on a
     * platform thread of its own, not on the common pool, where the JDK's HttpClient completes
     * WebSocket handshakes.
     */
    static List<Run> bothSucceed(ServerExtension server, String first, Path firstScript, String second,
                              Path secondScript, String... more) throws Exception {
        try (var users = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cli-user-", 0).factory())) {
            var firstRunning = users.submit(() -> run(server, firstScript, first, more));
            var secondRunning = users.submit(() -> run(server, secondScript, second, more));
            List<Run> runs = List.of(firstRunning.get(60, TimeUnit.SECONDS), secondRunning.get(60, TimeUnit.SECONDS));
            runs.forEach(r -> assertThat(r.code()).as(r.toString()).isZero());
            return runs;
        }
    }

    static Path script(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name + ".skyscope");
        Files.writeString(file, text);
        return file;
    }
}
