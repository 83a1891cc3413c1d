package io.skyscope.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for tests that need control a library does not give:
 * a tiny receive buffer, and reading only when the test says so (a client that stops reading).
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens {@code /ws?token=…} with a receive buffer of {@code receiveBuffer} bytes; fails unless the server answers 101. */
    public static RawWebSocket open(int port, String token, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        var ws = new RawWebSocket(socket);
        ws.out.write(("GET /ws?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = ws.in.read();
            if (b < 0) {
                throw new EOFException("closed during the handshake: " + head);
            }
            head.write(b);
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + head);
        }
        return ws;
    }

    /** Sends one masked text frame, as a client must. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        var frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * Reads frames until the server's close frame or the end of the stream; returns the close
     * code (-1 if the stream ended without one).
     */
    public int readUntilClosed() throws IOException {
        var data = new DataInputStream(in);
        try {
            while (true) {
                Frame frame = readFrame(data, data.readUnsignedByte());
                if (frame.opcode() == 0x8) {
                    byte[] payload = frame.payload();
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return -1;
        }
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /** The rest of a frame whose first byte was read. */
    private static Frame readFrame(DataInputStream data, int first) throws IOException {
        int second = data.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] payload = data.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("the stream ended inside a frame");
        }
        return new Frame(first & 0x0f, payload);
    }

    /** What a client that reads but never answers a close saw: its text frames, and whether the server cut it. */
    public record Ending(java.util.List<String> texts, boolean closeFrameSeen, boolean cut, long millisToCut) {
    }

    /**
     * Reads frames as they come, answering nothing (not even the close handshake), until the
     * server ends the TCP connection or {@code timeoutMillis} pass.
     */
    public Ending readWithoutAnswering(long timeoutMillis) throws IOException {
        var data = new DataInputStream(in);
        var texts = new java.util.ArrayList<String>();
        boolean closeSeen = false;
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(1_000, (deadline - System.nanoTime()) / 1_000_000L)));
            try {
                int first = data.readUnsignedByte();
                socket.setSoTimeout(15_000); // a frame that started arrives whole
                Frame frame = readFrame(data, first);
                if (frame.opcode() == 0x1) {
                    texts.add(new String(frame.payload(), StandardCharsets.UTF_8));
                } else if (frame.opcode() == 0x8) {
                    closeSeen = true;
                }
            } catch (SocketTimeoutException e) {
                // nothing this second; keep listening
            } catch (EOFException | java.net.SocketException e) {
                return new Ending(texts, closeSeen, true, (System.nanoTime() - start) / 1_000_000L);
            }
        }
        return new Ending(texts, closeSeen, false, -1);
    }

    /**
     * Reads (answering nothing) until a text frame matches, for at most {@code timeoutMillis}.
     *
     * @throws AssertionError if none matched in time or the connection ended first
     */
    public void readUntil(java.util.function.Predicate<String> wanted, long timeoutMillis) throws IOException {
        var data = new DataInputStream(in);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(1_000, (deadline - System.nanoTime()) / 1_000_000L)));
            try {
                int first = data.readUnsignedByte();
                socket.setSoTimeout(15_000);
                Frame frame = readFrame(data, first);
                if (frame.opcode() == 0x1 && wanted.test(new String(frame.payload(), StandardCharsets.UTF_8))) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                // nothing this second; keep listening
            }
        }
        throw new AssertionError("no matching text frame within " + timeoutMillis + " ms");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
