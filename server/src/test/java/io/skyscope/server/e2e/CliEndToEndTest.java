package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.cli.Main;
import io.skyscope.server.e2e.CliRuns.Run;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless CLI against the real server: two scripted users meet, chat and hear each other;
 * unmet expectations, bad lines and bad passwords end with their exit codes and a clear message.
 */
@Tag("voice")
class CliEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VoiceClientsEndToEndTest.VOICE)));

    @TempDir
    Path dir;

    @Test
    void twoScriptedUsersMeetTalkAndHearEachOther() throws Exception {
        Places places;
        try (var probe = VoiceClient.join(SERVER, "probe", VoiceClientsEndToEndTest.OFFICE)) {
            places = Places.around(SERVER, probe);
        }
        var ben = script("ben", """
                walk %s
                status busy in the zone
                expect-voice Ann 20000
                expect-tone 440 20000
                say hello Ann
                expect-chat hi Ben 20000
                tone 660
                expect-chat heard you 20000
                who
                quit
                """.formatted(at(places.centre())));
        var ann = script("ann", """
                walk %s
                tone 440
                walk %s
                expect-voice Ben 20000
                expect-chat hello Ann 20000
                say hi Ben
                expect-tone 660 20000
                say heard you
                deafen
                wait 100
                expect-silence 500
                """.formatted(at(places.far()), at(places.left(50))));
        // Each user on a thread of its own, not on the common pool: the JDK's HttpClient completes a
        // WebSocket handshake there (CompletableFuture's default executor), and with both scripts
        // blocking common-pool workers for seconds, one client's handshake did not complete within
        // its 10 s about one run in three.
        Run benRun;
        Run annRun;
        try (var users = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cli-user-", 0).factory())) {
            var benRunning = users.submit(() -> run(ben, "ben"));
            var annRunning = users.submit(() -> run(ann, "ann"));
            benRun = benRunning.get(60, TimeUnit.SECONDS);
            annRun = annRunning.get(60, TimeUnit.SECONDS);
        }
        assertThat(benRun.code()).as(benRun.toString()).isZero();
        assertThat(annRun.code()).as(annRun.toString()).isZero();
        assertThat(benRun.out()).contains("heard 440 Hz").contains("Ann: hi Ben");
    }

    @Test
    void oneScriptTurnsItsCameraOnAndOffAndTheOtherSeesItThenNothing() throws Exception {
        Places places;
        try (var probe = VoiceClient.join(SERVER, "probe", VoiceClientsEndToEndTest.OFFICE)) {
            places = Places.around(SERVER, probe);
        }
        var cy = script("cy", """
                walk %s
                expect-voice Di 20000
                expect-video Di 20000
                say seen you
                expect-chat camera off 20000
                expect-no-video Di 2000
                say all dark
                who
                """.formatted(at(places.centre())));
        var di = script("di", """
                walk %s
                expect-voice Cy 20000
                camera on
                expect-chat seen you 20000
                camera off
                say camera off
                expect-chat all dark 20000
                """.formatted(at(places.left(50))));
        Run cyRun;
        Run diRun;
        try (var users = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cli-user-", 0).factory())) {
            var cyRunning = users.submit(() -> run(cy, "cy"));
            var diRunning = users.submit(() -> run(di, "di"));
            cyRun = cyRunning.get(60, TimeUnit.SECONDS);
            diRun = diRunning.get(60, TimeUnit.SECONDS);
        }
        assertThat(cyRun.code()).as(cyRun.toString()).isZero();
        assertThat(diRun.code()).as(diRun.toString()).isZero();
        assertThat(cyRun.out()).contains("Di's camera: frame");
    }

    @Test
    void anUnmetExpectationFailsWithItsLineAndExitCodeOne() throws Exception {
        var script = script("cal", "tone 440\nexpect-tone 523 800\n");
        Run run = run(script, "cal");
        assertThat(run.code()).isEqualTo(Main.EXPECTATION_FAILED);
        assertThat(run.err()).contains("FAILED: line 2 'expect-tone 523 800' failed: no 523 Hz tone within 800 ms");
    }

    @Test
    void aBadLineAndABadPasswordHaveTheirOwnExitCodes() throws Exception {
        Run bad = run(script("dan", "walk 10\n"), "dan");
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("line 1 'walk 10': missing argument; usage: walk X Y");

        var err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--server", SERVER.base().toString(), "--user", "nobody-here",
                        "--script", script("eve", "quit\n").toString(), "--no-voice"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), "wrong password");
        assertThat(code).isEqualTo(Main.CONNECTION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot sign in: 401");
    }

    private Run run(Path script, String name) {
        return CliRuns.run(SERVER, script, name);
    }

    private Path script(String name, String text) throws IOException {
        return CliRuns.script(dir, name, text);
    }

    private static String at(double[] p) {
        return String.format(Locale.ROOT, "%.0f %.0f", p[0], p[1]);
    }
}
