package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.e2e.CliRuns.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raised hands in the headless CLI against the real server, without voice: Gil walks into the
 * town hall's seats and raises his hand; Fay, who owns the space, asked to see hands and sees it.
 */
class CliStageHandEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(5000, 1200, 100, 300)));

    @TempDir
    Path dir;

    @Test
    void aHandRaisedInTheSeatsReachesTheOwnersScript() throws Exception {
        // The CLI signs in as fay-<pid> with its password: the owner registers so first, and makes the space.
        var fay = SERVER.api().register("fay-" + ProcessHandle.current().pid(), "quiet harbour lanterns glow", "Fay");
        String hall = SERVER.api().createSpace(fay.accessToken(), "Town meeting", "public").id();
        var owner = CliRuns.script(dir, "fay", """
                hands
                expect-hand Gil 40000
                """);
        // Up the lobby's open column to the corridor, along it, and up the seats' centre aisle.
        var listener = CliRuns.script(dir, "gil", """
                walk 784 624
                walk 344 624
                walk 344 300
                raise-hand
                wait 5000
                """);
        List<Run> runs = CliRuns.bothSucceed(SERVER, "fay", owner, "gil", listener, "--no-voice", "--space", hall);
        assertThat(runs.get(0).out()).contains("hands up: ").contains("Gil's hand is up");
        assertThat(runs.get(1).out()).contains("my hand is up");
    }
}
