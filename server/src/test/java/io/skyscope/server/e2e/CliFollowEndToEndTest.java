package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.cli.Main;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.e2e.CliRuns.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following in the headless CLI against the real server, without voice: Dee follows Cy, whom she
 * meets in the default office, and her Following list shows him in the Boardroom; when Cy comes
 * back later, Dee's script hears that he came online and entered the office.
 */
class CliFollowEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(5000, 1200, 100, 300)));

    @TempDir
    Path dir;

    @Test
    void aFollowedColleagueIsListedWhereHeStandsAndHisReturnIsAnnounced() throws Exception {
        String cyId = register("cy", "Cy");
        String deeId = register("dee", "Dee");
        var whereabouts = SERVER.server().store().database().getCollection("whereabouts");
        var cy = CliRuns.script(dir, "cy", """
                expect-chat hello 20000
                walk 784 624
                walk 1264 624
                walk 1264 720
                walk 1200 752
                say in
                expect-chat seen 20000
                """);
        var dee = CliRuns.script(dir, "dee", """
                say hello
                follow Cy
                expect-chat in 20000
                following
                say seen
                """);
        try (var users = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cli-user-", 0).factory())) {
            var cyRun = users.submit(() -> CliRuns.run(SERVER, cy, "cy", "--no-voice"));
            // Dee starts once Cy stands in the office, so Cy hears her hello and she sees him there.
            await().atMost(TIMEOUT).until(() -> inASpace(cyId));
            var deeRun = users.submit(() -> CliRuns.run(SERVER, dee, "dee", "--no-voice"));
            Run cys = cyRun.get(60, TimeUnit.SECONDS);
            Run dees = deeRun.get(60, TimeUnit.SECONDS);
            assertThat(cys.code()).as(cys.toString()).isZero();
            assertThat(dees.code()).as(dees.toString()).isZero();
            assertThat(dees.out()).contains("following Cy").containsPattern("Cy: in .* \\(Boardroom\\) at 1200,752");
        }

        // Cy comes back while Dee's script waits for him.
        await().atMost(TIMEOUT).until(() -> whereabouts.countDocuments(new Document("_id", cyId)) == 0
                && whereabouts.countDocuments(new Document("_id", deeId)) == 0);
        var waiting = CliRuns.script(dir, "dee-waits", """
                expect-followed-online Cy 20000
                expect-followed-entered Cy 20000
                unfollow Cy
                following
                """);
        try (var users = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cli-user-", 0).factory())) {
            var deeRun = users.submit(() -> CliRuns.run(SERVER, waiting, "dee", "--no-voice"));
            await().atMost(TIMEOUT).until(() -> whereabouts.countDocuments(new Document("_id", deeId)) == 1);
            Run back = CliRuns.run(SERVER, CliRuns.script(dir, "cy-back", "echo back\n"), "cy", "--no-voice");
            assertThat(back.code()).as(back.toString()).isZero();
            Run heard = deeRun.get(60, TimeUnit.SECONDS);
            assertThat(heard.code()).as(heard.toString()).isEqualTo(Main.OK);
            assertThat(heard.out()).contains("Cy came online").contains("Cy entered ").contains("following nobody");
        }
    }

    /** Registers the CLI user {@code name} ({@link CliRuns} signs in as name-pid); returns the user id. */
    private static String register(String name, String display) {
        String user = name + "-" + ProcessHandle.current().pid();
        return SERVER.api().register(user, "quiet harbour lanterns glow", display).userId();
    }

    private static boolean inASpace(String userId) {
        var where = SERVER.server().store().database().getCollection("whereabouts")
                .find(new Document("_id", userId)).first();
        return where != null && where.getString("spaceId") != null;
    }
}
