package io.skyscope.client.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sharing a real screen with {@link RobotScreen}: refused with a clear message where there is no
 * display (this JVM has no DISPLAY), and captured from a virtual X server (Xvfb) in a JVM of its
 * own, scaled to fit 1280 × 720 and converted to I420.
 */
@Tag("voice")
class RobotScreenTest {

    @Test
    void withoutADisplayThereIsNothingToShareAndItSaysSo() {
        assertThat(System.getenv("DISPLAY")).as("this test runs without a display").isNullOrEmpty();
        assertThatThrownBy(RobotScreen::screens).isInstanceOf(VideoCaptureException.class)
                .hasMessageContaining("no display");
    }

    @Test
    void aScreenOfAVirtualDisplayIsCapturedAtItsSize() throws Exception {
        Path xvfb = Path.of("/usr/bin/Xvfb");
        assertThat(xvfb).as("Xvfb is needed: apt-get install -y xvfb").exists();
        int display = freeDisplay();
        Process server = new ProcessBuilder(xvfb.toString(), ":" + display, "-screen", "0", "1024x768x24", "-nolisten",
                "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path socket = Path.of("/tmp/.X11-unix/X" + display);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket) || !server.isAlive());
            assertThat(socket).as("Xvfb's socket").exists();
            String java = ProcessHandle.current().info().command().orElseThrow();
            var probe = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), RobotScreenProbe.class.getName()))
                    .redirectErrorStream(true);
            probe.environment().put("DISPLAY", ":" + display);
            Process run = probe.start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // Scaled to fit 1280 × 720: 1024 × 768 becomes 960 × 720.
            assertThat(out).as(out).containsPattern("captured Screen 1 \\(.*\\): 960x720");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freeDisplay() throws IOException {
        for (int n = 90; n < 200; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new IOException("no free X display number from :90 to :199");
    }
}
