package io.skyscope.server.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.media.JanusApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Janus media server for a test class: {@code janus} in the foreground as a child process
 * with a configuration folder of its own, its HTTP API on a free port of 127.0.0.1, RTP on a range
 * of its own, an API secret (the SkyScope server's), signed-token authentication with a shared
 * secret (the clients'), an admin secret, and an AudioBridge and a VideoRoom that create rooms only
 * with their admin key. Waits until it answers; stopped by its own process handle after the class. A machine
 * without Janus fails the test, naming the Debian package.
 */
public final class Janus implements BeforeAllCallback, AfterAllCallback {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final String LIB = "/usr/lib/x86_64-linux-gnu/janus";

    private final String apiSecret = random();
    private final String tokenSecret = random();
    private final String adminKey = random();
    private final String adminSecret = random();
    private final List<String> log = new ArrayList<>();
    private Path dir;
    private Process process;
    private int port;
    private int adminPort;

    public String url() {
        return "http://127.0.0.1:" + port + "/janus";
    }

    public String apiSecret() {
        return apiSecret;
    }

    public String tokenSecret() {
        return tokenSecret;
    }

    public String adminKey() {
        return adminKey;
    }

    /** Janus's Admin API (loopback only), for tests that act as an operator or a failing network. */
    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort + "/admin";
    }

    public String adminSecret() {
        return adminSecret;
    }

    public Process process() {
        return process;
    }

    /** The SkyScope server's configuration for this Janus (clients reach it where the server does). */
    public io.skyscope.server.config.MediaConfig mediaConfig() {
        return new io.skyscope.server.config.MediaConfig(url(), url(), apiSecret, tokenSecret, adminKey,
                io.skyscope.server.config.MediaConfig.DEFAULT_STAGE_SIZE, 3600);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (process != null && process.isAlive()) {
            thaw(); // a frozen Janus does not act on SIGTERM
        }
        stop();
        Processes.deleteTree(dir);
    }

    /** Starts Janus (again, on the same port and secrets after {@link #stop}) and waits until it answers. */
    public void start() throws IOException, InterruptedException {
        Processes.requireOnPath("janus", "janus");
        if (!Files.isDirectory(Path.of(LIB, "plugins"))) {
            throw new IllegalStateException(LIB + "/plugins is missing: install the Debian package janus"
                    + " (apt-get install -y janus); ./skyscope test does this");
        }
        if (dir == null) {
            dir = Files.createTempDirectory("skyscope-janus");
            port = Processes.freePort();
            adminPort = Processes.freePort();
        }
        int rtp = freeUdpPort();
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                    configs_folder = "%s"
                    plugins_folder = "%s/plugins"
                    transports_folder = "%s/transports"
                    events_folder = "%s/events"
                    loggers_folder = "%s/loggers"
                    debug_level = 4
                    server_name = "skyscope-test"
                    interface = "127.0.0.1"
                    session_timeout = 60
                    api_secret = "%s"
                    token_auth = true
                    token_auth_secret = "%s"
                    admin_secret = "%s"
                    hide_dependencies = true
                    protected_folders = ["/"]
                }
                media: {
                    rtp_port_range = "%d-%d"
                }
                nat: {
                    nice_debug = false
                    ignore_mdns = true
                    ice_ignore_list = "vmnet"
                }
                plugins: {
                    disable = "libjanus_voicemail.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_nosip.so,libjanus_lua.so,libjanus_duktape.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so"
                }
                transports: {
                    disable = "libjanus_websockets.so,libjanus_pfunix.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_rabbitmq.so"
                }
                loggers: {
                    disable = "libjanus_jsonlog.so"
                }
                events: {
                    broadcast = false
                }
                """.formatted(dir, LIB, LIB, LIB, LIB, apiSecret, tokenSecret, adminSecret, rtp, Math.min(65535, rtp + 200)));
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), """
                general: {
                    json = "plain"
                    base_path = "/janus"
                    http = true
                    port = %d
                    ip = "127.0.0.1"
                    https = false
                }
                admin: {
                    admin_base_path = "/admin"
                    admin_http = true
                    admin_port = %d
                    admin_ip = "127.0.0.1"
                    admin_https = false
                }
                """.formatted(port, adminPort));
        Files.writeString(dir.resolve("janus.plugin.audiobridge.jcfg"), """
                general: {
                    admin_key = "%s"
                    lock_rtp_forward = true
                    string_ids = false
                }
                """.formatted(adminKey));
        Files.writeString(dir.resolve("janus.plugin.videoroom.jcfg"), """
                general: {
                    admin_key = "%s"
                    lock_rtp_forward = true
                    string_ids = false
                }
                """.formatted(adminKey));
        Files.writeString(dir.resolve("janus.plugin.echotest.jcfg"), "general: {\n}\n");
        process = new ProcessBuilder("janus", "-F", dir.toString(), "-C", dir.resolve("janus.jcfg").toString(),
                "-o").redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().name("janus-log").start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (log) {
                        log.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended; its log so far is kept
            }
        });
        awaitAnswer();
    }

    /** Stops Janus (SIGTERM, then SIGKILL) by its own process handle. */
    public void stop() {
        Processes.stop(process);
    }

    /** Kills Janus at once (SIGKILL to its PID), as a crash would: nothing is closed on the way out. */
    public void kill() {
        Processes.kill(process);
    }

    /**
     * Freezes Janus (SIGSTOP): its sockets stay open and the kernel still accepts connections, but
     * nothing answers. {@link #thaw} lets it go on.
     */
    public void freeze() {
        Processes.signal(process, "STOP");
    }

    public void thaw() {
        Processes.signal(process, "CONT");
    }

    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** Polls {@code GET /janus/info} (no secret needed) until it answers 200; a janus that exits fails at once. */
    private void awaitAnswer() {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(URI.create(url() + "/info")).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("janus exited with " + process.exitValue() + "; its log:\n" + log());
                }
                try {
                    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            stop();
            throw new IllegalStateException("janus did not answer within " + START_TIMEOUT + "; its log:\n" + log());
        }
    }

    /** The plugin data of a session's next event that has any (acks and keepalives skipped). */
    public static JsonNode nextPluginEvent(JanusApi client, long session) {
        for (int i = 0; i < 5; i++) {
            JsonNode data = client.poll(session).path("plugindata").path("data");
            if (!data.isMissingNode()) {
                return data;
            }
        }
        throw new AssertionError("no plugin event in five polls");
    }

    private static int freeUdpPort() throws IOException {
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String random() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
