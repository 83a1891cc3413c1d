package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.client.GuestApi;
import io.skyscope.client.InviteLink;
import io.skyscope.client.cli.Main;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.RegisterRequest;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.server.e2e.CliRuns.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full invite link over the real sockets: made by the owner, opened in a browser (a small,
 * script-free page with a strict policy that names the space), and followed by the app (parsed,
 * then registering with its code); and the CLI's invite, guest and find lines, with a guest joining
 * from the CLI by the link it printed.
 */
class InviteLinksEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @TempDir
    Path dir;

    @Test
    void anInviteLinkOpensAPageAndLetsTheAppJoin() throws Exception {
        AuthResponse owner = SERVER.register("own");
        String name = "Ops \"<script>alert(1)</script>\" & Co " + UUID.randomUUID().toString().substring(0, 8);
        String space = SERVER.api().createSpace(owner.accessToken(), name, "private").id();
        InviteView invite = new GuestApi(SERVER.api()).createInvite(owner.accessToken(), space);
        assertThat(invite.link()).isEqualTo(SERVER.base() + "invite/" + invite.code());
        assertThat(invite.appLink()).isEqualTo("skyscope://invite/" + SERVER.base().getRawAuthority() + "/"
                + invite.code() + "?scheme=http");

        HttpResponse<String> page = GuestsEndToEndTest.get(invite.link());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'none'").doesNotContain("unsafe").doesNotContain("script-src"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).doesNotContain("<script").doesNotContain("alert(1)</script>")
                .contains("Ops &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; Co")
                .contains("href=\"" + invite.appLink() + "\"")
                .contains(invite.code());

        // The app gets the link (either form) and registers with its code.
        InviteLink link = InviteLink.parse(invite.appLink());
        assertThat(link.server()).isEqualTo(SERVER.base());
        assertThat(InviteLink.parse(invite.link())).isEqualTo(link);
        String username = "newbie" + UUID.randomUUID().toString().substring(0, 8);
        AuthResponse newbie = SERVER.api().register(new RegisterRequest(username, "quiet harbour lanterns glow",
                "Newbie", link.code()));
        SpaceView joined = SERVER.api().space(newbie.accessToken(), space);
        assertThat(joined.myRole()).isEqualTo("member");

        HttpResponse<String> unknown = GuestsEndToEndTest.get(SERVER.base() + "invite/NoSuchInviteCode1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("does not work").doesNotContain("<script");
        assertThat(unknown.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(GuestsEndToEndTest.get(SERVER.base() + "invite/" + "x".repeat(300)).statusCode()).isEqualTo(404);
    }

    @Test
    void theCliMakesLinksFindsPeopleAndJoinsAsAGuest() throws Exception {
        String cliUser = "host-" + ProcessHandle.current().pid();
        AuthResponse host = SERVER.api().register(cliUser, "quiet harbour lanterns glow", "Host");
        String space = SERVER.api().createSpace(host.accessToken(), "Cli Space " + UUID.randomUUID(), "private").id();
        AuthResponse fiona = SERVER.register("fiona");
        InviteView invite = new GuestApi(SERVER.api()).createInvite(host.accessToken(), space);
        SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept", fiona.accessToken(), null,
                SpaceView.class);
        SERVER.register("stranger");

        Run hostRun = CliRuns.run(SERVER, CliRuns.script(dir, "host", """
                invite-link
                guest-link 600
                find FIONA
                find stranger
                quit
                """), "host", "--no-voice", "--space", space);
        assertThat(hostRun.code()).as(hostRun.toString()).isZero();
        assertThat(hostRun.out()).contains("invite link: " + SERVER.base() + "invite/")
                .contains("found 1").contains("(@" + fiona.username() + ", " + fiona.userId() + ")")
                .contains("found 0");
        Matcher printed = Pattern.compile("guest link: (\\S+)").matcher(hostRun.out());
        assertThat(printed.find()).as(hostRun.out()).isTrue();
        String guestLink = printed.group(1);
        assertThat(URI.create(guestLink).getPath()).startsWith("/guest/");

        Path guestScript = CliRuns.script(dir, "guest", """
                say hello from the cli guest
                expect-chat thanks guest 20000
                find host
                """);
        Connection hostHere = SERVER.join(host, space);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code;
        // The guest on a platform thread of its own (the JDK's HttpClient completes WebSocket
        // handshakes on the common pool); the host answers from here.
        try (var threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("cli-guest-", 0).factory())) {
            var running = threads.submit(() -> Main.run(new String[] {"--guest-link", guestLink, "--guest-name",
                    "Cli Visitor", "--no-voice", "--script", guestScript.toString()}, new PrintStream(out, true),
                    new PrintStream(err, true), null));
            var heard = hostHere.await(ChatEvent.Message.class,
                    m -> m.message().text().equals("hello from the cli guest"), Duration.ofSeconds(30));
            assertThat(heard.message().senderName()).isEqualTo("Cli Visitor (guest)");
            String id = UUID.randomUUID().toString().replace("-", "");
            hostHere.send(new ChatCommand.Send("space", "thanks guest", id, null, null));
            code = running.get(60, TimeUnit.SECONDS);
        }
        String said = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(said).isEqualTo(Main.EXPECTATION_FAILED);
        assertThat(said).contains("joined as a guest").contains("Host: thanks guest").contains("guest_not_allowed");

        int bad = Main.run(new String[] {"--guest-link", invite.link(), "--guest-name", "Wrong"},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true), null);
        assertThat(bad).isEqualTo(Main.USAGE);
    }
}
