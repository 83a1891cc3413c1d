package io.skyscope.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The raw client against a hand-written peer on a real loopback socket: frames in every length form. */
class RawSocketTest {

    private static byte[] frame(int first, byte[] payload) {
        var out = new ByteArrayOutputStream();
        out.write(first);
        int n = payload.length;
        if (n < 126) {
            out.write(n);
        } else if (n < 65536) {
            out.write(126);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A handler that keeps text starting with "keep" whole, the first 5 bytes of anything else, and no binary. */
    private static final class Recorder implements RawSocket.Handler {
        final List<String> heads = new CopyOnWriteArrayList<>();
        final List<String> kept = new CopyOnWriteArrayList<>();
        final List<Long> counted = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();

        @Override
        public int keep(boolean isText, ByteBuffer head) {
            String h = StandardCharsets.ISO_8859_1.decode(head).toString();
            heads.add(h);
            return !isText ? 0 : h.startsWith("keep") ? Integer.MAX_VALUE : 5;
        }

        @Override
        public void message(boolean isText, ByteBuffer bytes) {
            kept.add(StandardCharsets.UTF_8.decode(bytes).toString());
        }

        @Override
        public void counted(long bytes) {
            counted.add(bytes);
        }

        @Override
        public void closed(int code, String reason) {
            closes.add(code + " " + reason);
        }
    }

    @Test
    void keepsWhatItIsAskedToSkipsTheRestAnswersPingsAndReportsTheClose() throws Exception {
        String big = "keep " + "x".repeat(70_000);
        var fromClient = new LinkedBlockingQueue<byte[]>();
        var hello = new LinkedBlockingQueue<byte[]>();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofPlatform().start(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    var request = new ByteArrayOutputStream();
                    while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        request.write(in.read());
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(text("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
                    hello.add(in.readNBytes(11));
                    out.write(frame(0x81, text("keep short")));
                    out.write(frame(0x81, text("skip " + "y".repeat(300))));
                    out.write(frame(0x82, new byte[] {1, 2, 3}));
                    out.write(frame(0x89, text("hi")));
                    // A text message in two fragments with a ping between them.
                    out.write(frame(0x01, text("keep one ")));
                    out.write(frame(0x89, text("again")));
                    out.write(frame(0x80, text("and two")));
                    out.write(frame(0x81, text(big)));
                    out.write(frame(0x81, new byte[0]));
                    out.write(frame(0x88, new byte[] {0x0F, (byte) 0xA0, 'b', 'y', 'e'}));
                    out.flush();
                    byte[] buffer = new byte[4096];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        fromClient.add(java.util.Arrays.copyOf(buffer, n));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            var recorder = new Recorder();
            var group = new RawSocket.Group("test-reads");
            try {
                RawSocket socket = RawSocket.open(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws?token=t"),
                        recorder, group);
                socket.sendText("hello");
                await().atMost(10, TimeUnit.SECONDS).until(() -> !recorder.closes.isEmpty());

                assertThat(recorder.kept).containsExactly("keep short", "skip ", "keep one and two", big);
                assertThat(recorder.counted).containsExactly(10L, 305L, 3L, 16L, (long) big.length(), 0L);
                assertThat(recorder.heads.get(1)).isEqualTo("skip " + "y".repeat(RawSocket.HEAD - 5));
                assertThat(recorder.closes).containsExactly("4000 bye");
                peer.join(10_000);
            } finally {
                group.close();
            }
            var sent = new ByteArrayOutputStream();
            fromClient.forEach(sent::writeBytes);
            // "hello" masked with a zero key; then the two pongs, their payloads echoed.
            assertThat(hello.poll()).containsExactly(0x81, 0x85, 0, 0, 0, 0, 'h', 'e', 'l', 'l', 'o');
            assertThat(sent.toByteArray()).containsExactly(
                    0x8A, 0x82, 0, 0, 0, 0, 'h', 'i', 0x8A, 0x85, 0, 0, 0, 0, 'a', 'g', 'a', 'i', 'n');
        }
    }
}
