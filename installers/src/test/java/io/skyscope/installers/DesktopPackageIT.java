package io.skyscope.installers;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux packages as a user gets them: the .deb's metadata and files (dependencies, desktop
 * entry, icon, trimmed runtime), and the launcher extracted from it, run under Xvfb with
 * {@code --smoke-test} against a real server started here: it must sign in, join the office and
 * exit 0, and a headless client in the office must see it arrive and leave.
 */
class DesktopPackageIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Path JPACKAGE = Path.of(System.getProperty("skyscope.jpackage.dir", "target/jpackage"));
    private static final String PREFIX = "opt/skyscope/";

    @TempDir
    static Path work;
    static Path deb;
    static Path root;

    @BeforeAll
    static void extractDeb() throws IOException {
        Prerequisites.command("dpkg-deb", "dpkg");
        try (Stream<Path> files = Files.list(JPACKAGE.resolve("deb"))) {
            List<Path> debs = files.filter(p -> p.toString().endsWith(".deb")).toList();
            assertThat(debs).as("one .deb in %s (built by the package phase)", JPACKAGE.resolve("deb")).hasSize(1);
            deb = debs.getFirst();
        }
        root = work.resolve("root");
        try (var dpkg = ChildProcess.start("dpkg-deb -x", List.of("dpkg-deb", "-x", deb.toString(), root.toString()),
                Map.of(), work)) {
            assertThat(dpkg.waitFor(Duration.ofSeconds(120))).as(dpkg.output()).isZero();
        }
    }

    @Test
    void debDeclaresItsPackageAndTheLibrariesLoadedAtRunTime() {
        String control = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture", "Depends"));
        assertThat(control).contains("Package: skyscope").contains("Version: 0.1.0").contains("Architecture: amd64");
        String depends = control.lines().filter(l -> l.startsWith("Depends:")).findFirst().orElseThrow();
        assertThat(depends).contains("libgtk-3-0").contains("libpulse0").contains("xdg-utils");
    }

    @Test
    void debHoldsTheLauncherDesktopEntryIconAndATrimmedRuntime() throws IOException {
        Path app = root.resolve(PREFIX);
        assertThat(app.resolve("bin/SkyScope")).isExecutable();
        String entry = Files.readString(app.resolve("lib/skyscope-SkyScope.desktop"));
        assertThat(entry).contains("Exec=/opt/skyscope/bin/SkyScope", "Icon=/opt/skyscope/lib/SkyScope.png",
                "Categories=Network;Chat;", "Type=Application");
        assertThat(entry).as("the app opens skyscope:// links: the scheme handler, and the link as its argument")
                .contains("MimeType=x-scheme-handler/skyscope;", "Exec=/opt/skyscope/bin/SkyScope %u");

        BufferedImage icon = ImageIO.read(app.resolve("lib/SkyScope.png").toFile());
        assertThat(Files.readAllBytes(app.resolve("lib/SkyScope.png")))
                .as("the packaged icon is installers/icon/skyscope.png")
                .isEqualTo(Files.readAllBytes(Path.of("icon/skyscope.png")));
        assertThat(icon.getWidth()).isEqualTo(512);

        String release = Files.readString(app.resolve("lib/runtime/release"));
        String modules = release.lines().filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        assertThat(modules).as("the runtime has what the client needs and not the whole JDK")
                .contains("java.base", "java.desktop", "java.net.http", "java.prefs")
                .doesNotContain("jdk.compiler", "jdk.jshell", "jdk.jlink", "java.rmi");
        assertThat(app.resolve("lib/runtime/include")).doesNotExist();
        assertThat(app.resolve("lib/app/skyscope-desktop-client-0.1.0-SNAPSHOT.jar")).exists();
        try (Stream<Path> jars = Files.list(app.resolve("lib/app"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .as("the JavaFX and webrtc-java native jars for Linux x86_64")
                    .contains("javafx-graphics-26.0.2-linux.jar", "webrtc-java-0.14.0-linux-x86_64.jar")
                    .noneMatch(n -> n.contains("-win") || n.contains("-mac") || n.contains("aarch64"));
        }
    }

    @Test
    void packagedLauncherSignsInAndJoinsUnderXvfb() throws Exception {
        Prerequisites.command("Xvfb", "xvfb");
        Prerequisites.library("libgtk-3.so.0", "libgtk-3-0");
        Path data = Files.createDirectories(work.resolve("server-data"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (SkyScopeServer server = SkyScopeServer.start(ServerConfig.defaults(data).withHost("127.0.0.1").withPort(0))) {
            URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
            SkyScopeApi api = new SkyScopeApi(base, http);
            AuthResponse watcher = api.register("watcher", "watcher sees amber kites", "Watcher");
            String password = "smoke test of amber kites";
            AuthResponse user = api.register("smoke", password, "Smoke Test");

            try (Connection office = Connection.open(http, api.webSocketUri(watcher.accessToken()), TIMEOUT);
                 var xvfb = ChildProcess.start("Xvfb", List.of("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                         "-nolisten", "tcp"), Map.of(), work)) {
                office.send(new ClientMessage.Join("office", "watcher-join"));
                office.await(ServerMessage.Welcome.class, TIMEOUT);
                String display = xvfb.awaitLine(l -> l.strip().matches("\\d+"), TIMEOUT).strip();

                Path home = Files.createDirectories(work.resolve("home"));
                Map<String, String> env = new HashMap<>();
                env.put("DISPLAY", ":" + display);
                env.put("HOME", home.toString()); // the app's preferences land here, not in the builder's home
                env.put("SKYSCOPE_PASSWORD", password);
                env.put("JAVA_HOME", null);
                env.put("JAVA_TOOL_OPTIONS", null);
                List<String> command = List.of(root.resolve(PREFIX + "bin/SkyScope").toString(), "--smoke-test",
                        "--server", base.toString(), "--user", "smoke", "--timeout", "90");
                try (var app = ChildProcess.start("SkyScope --smoke-test", command, env, work)) {
                    int exit = app.waitFor(Duration.ofSeconds(150));
                    assertThat(exit).as("exit code; the app printed:\n%s", app.output()).isZero();
                    assertThat(app.output()).contains("SkyScope smoke test passed: signed in to " + base
                            + " as smoke (" + user.userId() + "), joined space office with 2 present");
                }
                var arrived = office.await(ServerMessage.PresenceUpdate.class,
                        p -> p.joined().stream().anyMatch(person -> person.userId().equals(user.userId())), TIMEOUT);
                assertThat(arrived.joined()).anyMatch(p -> p.displayName().equals("Smoke Test"));
                office.await(ServerMessage.PresenceUpdate.class, p -> p.left().contains(user.userId()), TIMEOUT);
            }
        }
    }

    private static String run(List<String> command) {
        try (var p = ChildProcess.start(command.getFirst(), command, Map.of(), work)) {
            int exit = p.waitFor(Duration.ofSeconds(60));
            assertThat(exit).as("%s printed:\n%s", command, p.output()).isZero();
            return p.output();
        }
    }
}
