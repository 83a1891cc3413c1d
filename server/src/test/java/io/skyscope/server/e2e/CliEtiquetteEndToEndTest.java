package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.cli.Main;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.e2e.CliRuns.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Etiquette in the headless CLI against the real server, without voice: Ann locks the Boardroom,
 * Ben knocks and is let in, waves and reacts; Gil answers Ivy's wave by walking to her and Ivy
 * reacts to his chat message; a line the server refuses fails with its error.
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
        List<Run> runs = CliRuns.bothSucceed(SERVER, "ann", ann, "ben", ben, "--no-voice");
        assertThat(runs.get(0).out()).contains("Ben knocks on Boardroom").contains("Ben waves from 1200,740 (Boardroom)");
        assertThat(runs.get(1).out()).contains("Ann lets me in to Boardroom");
    }

    @Test
    void aWaveIsAnsweredByWalkingToTheWaverAndAChatMessageGetsAReaction() throws Exception {
        var gil = script("gil", """
                expect-wave Ivy 20000
                walk-to-wave
                say lunch at noon?
                """);
        var ivy = script("ivy", """
                walk 784 624
                walk 1264 624
                walk 1264 720
                walk 1200 752
                wave Gil
                expect-chat lunch at noon? 20000
                react-chat thumbs_up lunch at noon
                """);
        List<Run> runs = CliRuns.bothSucceed(SERVER, "gil", gil, "ivy", ivy, "--no-voice");
        assertThat(runs.get(0).out()).contains("Ivy waves from 1200,752 (Boardroom)").contains("at 1200,752 beside Ivy");
        assertThat(runs.get(1).out()).contains("thumbs_up on Gil's 'lunch at noon?'");
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
