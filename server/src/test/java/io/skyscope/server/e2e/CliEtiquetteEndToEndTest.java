package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.cli.Main;
import io.skyscope.server.e2e.CliRuns.Run;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Etiquette in the headless CLI against the real server, without voice: Ann locks the Boardroom,
 * Ben knocks and is let in, waves and reacts; a line the server refuses fails with its error.
 */
class CliEtiquetteEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(5000, 1200, 100, 300)));

    @TempDir
    Path dir;

    @Test
    void aScriptedKnockIsLetInAndAWaveArrives() throws Exception {
        // Up the lobby's open column to the corridor, along it to the Boardroom's door.
        var ann = script("ann", """
                walk 784 624
                walk 1264 624
                walk 1264 720
                walk 1200 752
                lock Boardroom
                expect-knock Ben 20000
                let-in Ben
                expect-wave Ben 20000
                """);
        var ben = script("ben", """
                walk 784 624
                walk 1264 624
                walk 1264 656
                expect-locked Boardroom 20000
                knock Boardroom
                expect-let-in 20000
                walk 1264 720
                walk 1200 740
                wave Ann
                react thumbs_up
                """);
        Run annRun;
        Run benRun;
        try (var users = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cli-user-", 0).factory())) {
            var annRunning = users.submit(() -> run(ann, "ann"));
            var benRunning = users.submit(() -> run(ben, "ben"));
            annRun = annRunning.get(60, TimeUnit.SECONDS);
            benRun = benRunning.get(60, TimeUnit.SECONDS);
        }
        assertThat(annRun.code()).as(annRun.toString()).isZero();
        assertThat(benRun.code()).as(benRun.toString()).isZero();
        assertThat(annRun.out()).contains("Ben knocks on Boardroom").contains("Ben waves from 1200,740 (Boardroom)");
        assertThat(benRun.out()).contains("Ann lets me in to Boardroom");
    }

    @Test
    void aRefusedLineFailsWithTheServersError() throws Exception {
        Run run = run(script("cal", "knock Boardroom\n"), "cal");
        assertThat(run.code()).isEqualTo(Main.EXPECTATION_FAILED);
        assertThat(run.err()).contains("line 1 'knock Boardroom' failed: room_not_locked");
        Run bad = run(script("dee", "react banana\n"), "dee");
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("'banana' is not one of thumbs_up, heart");
    }

    private Run run(Path script, String name) {
        return CliRuns.run(SERVER, script, name, "--no-voice");
    }

    private Path script(String name, String text) throws IOException {
        return CliRuns.script(dir, name, text);
    }
}
