package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.cli.Main;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.desks.DeskProbe;
import io.skyscope.server.e2e.CliRuns.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Desks in the headless CLI against the real server, one script after another: Ada claims a desk,
 * starts at it and walks to it; Bea, while Ada is away, sees whose desk it is and leaves a note;
 * Ada comes back at her desk, reads the note and frees the desk; a refused line fails with its error.
 */
class CliDesksEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(5000, 1200, 100, 300)));

    @TempDir
    Path dir;

    @Test
    void aDeskIsClaimedANoteLeftWhileAwayAndReadOnReturn() throws Exception {
        Run claim = succeed("ada", """
                claim-desk Desk C3
                go-to-desk on
                expect-desk me Desk C3 10000
                walk-to-desk
                """);
        assertThat(claim.out()).contains("Desk C3: Ada").contains("at Desk C3");

        Run note = succeed("bea", """
                expect-desk Ada Desk C3 10000
                desk-note Desk C3: standup moved to 10:30
                """);
        assertThat(note.out()).contains("Desk C3: Ada");

        var seat = DeskProbe.desk("Desk C3").seat();
        Run back = succeed("ada", """
                expect-desk-note standup moved 10000
                read-desk-notes
                who
                free-desk Desk C3
                expect-desk nobody Desk C3 10000
                """);
        assertThat(back.out()).contains("note from Bea: standup moved to 10:30").contains("Desk C3: free")
                .contains("Ada at " + (int) seat.x() + "," + (int) seat.y());

        Run refused = CliRuns.run(SERVER, CliRuns.script(dir, "cy", "desk-note Desk C3: hello\n"), "cy", "--no-voice");
        assertThat(refused.code()).isEqualTo(Main.EXPECTATION_FAILED);
        assertThat(refused.err()).contains("line 1 'desk-note Desk C3: hello' failed: desk_free");
    }

    private Run succeed(String name, String script) throws Exception {
        Run run = CliRuns.run(SERVER, CliRuns.script(dir, name, script), name, "--no-voice");
        assertThat(run.code()).as(run.toString()).isZero();
        return run;
    }
}
