package io.skyscope.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal WebSocket client (RFC 6455) for thousands of load users in one JVM beside the server:
 * no decoding of what it does not keep. A message's first bytes ({@link #HEAD} of them) go to the
 * {@link Handler}, which says how many bytes of it to keep; the rest is skipped as it is read.
 * Outgoing frames are masked with a zero key (the server accepts any key; there is no proxy to
 * protect on loopback). Sockets are read by a {@link Group}: one selector thread for many sockets.
 *
 * <p>Threads: the handler is called on the group's thread; {@link #sendText} from any thread
 * (writes are serialised on {@code this}); {@link #open} blocks its caller for the upgrade.
 */
final class RawSocket {
    static final int HEAD = 32;

    /** What a socket's reader hands on, on the group's thread. */
    interface Handler {
        /** A message starts with {@code head} (its first bytes, up to {@link #HEAD}): how many of its bytes to keep. */
        int keep(boolean text, ByteBuffer head);

        /** The kept bytes of a message, valid during the call only. */
        void message(boolean text, ByteBuffer kept);

        /** A message of {@code bytes} has been read (kept or not). */
        void counted(long bytes);

        void closed(int code, String reason);
    }

    private final SocketChannel channel;
    private final Handler handler;
    private final ByteBuffer in = ByteBuffer.allocate(32 * 1024);
    private ByteBuffer kept = ByteBuffer.allocate(1024);
    private long keepLeft;
    private long payloadLeft;
    private boolean inFrame;
    private boolean frameFin;
    private boolean messageText;
    private long messageBytes;
    private boolean closed;
    /** The part of a frame the kernel would not take yet; guarded by {@code this}. */
    private ByteBuffer pending;

    private RawSocket(SocketChannel channel, Handler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    /** Connects, upgrades (blocking the caller) and hands the socket to {@code group} to be read. */
    static RawSocket open(URI ws, Handler handler, Group group) throws IOException {
        int port = ws.getPort() < 0 ? 80 : ws.getPort();
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(ws.getHost(), port));
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery())
                    + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            var socket = new RawSocket(channel, handler);
            int end;
            while ((end = headersEnd(socket.in)) < 0) {
                if (!socket.in.hasRemaining() || channel.read(socket.in) < 0) {
                    throw new IOException("no upgrade response");
                }
            }
            String response = new String(socket.in.array(), 0, end, StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + response.lines().findFirst().orElse(""));
            }
            socket.in.flip().position(end);
            socket.in.compact();
            channel.configureBlocking(false);
            group.register(socket);
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The index after the blank line that ends the response's headers, or -1. */
    private static int headersEnd(ByteBuffer in) {
        byte[] b = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether a send would be written now: nothing of an earlier frame is still waiting for the kernel. */
    synchronized boolean writable() throws IOException {
        flush();
        return pending == null && !closed;
    }

    /** Sends one text frame; what the kernel does not take now goes out before the next frame. */
    synchronized void sendText(String text) throws IOException {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private void send(int opcode, byte[] payload) throws IOException {
        int n = payload.length;
        ByteBuffer frame = ByteBuffer.allocate(n + 14);
        frame.put((byte) (0x80 | opcode));
        if (n < 126) {
            frame.put((byte) (0x80 | n));
        } else if (n < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) n);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(n);
        }
        frame.putInt(0).put(payload).flip();
        if (pending != null) {
            pending = ByteBuffer.allocate(pending.remaining() + frame.remaining()).put(pending).put(frame).flip();
        } else {
            pending = frame;
        }
        flush();
    }

    private void flush() throws IOException {
        if (pending != null && !closed) {
            channel.write(pending);
            if (!pending.hasRemaining()) {
                pending = null;
            }
        }
    }

    /** A normal close frame, then the end of the connection. */
    synchronized void close() {
        try {
            if (!closed) {
                send(0x8, new byte[] {0x03, (byte) 0xE8});
            }
        } catch (IOException e) {
            // Closing anyway.
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    /** Reads what is there and hands on whole messages; on the group's thread. */
    private void readable() throws IOException {
        if (channel.read(in) < 0) {
            throw new IOException("end of stream");
        }
        in.flip();
        while (next()) {
            // each turn handles one header, control frame or run of payload
        }
        in.compact();
    }

    /** One step of the reader; false when more bytes are needed. */
    private boolean next() throws IOException {
        if (!inFrame) {
            int at = in.position();
            if (in.remaining() < 2) {
                return false;
            }
            int b0 = in.get(at) & 0xFF;
            int b1 = in.get(at + 1) & 0xFF;
            int len7 = b1 & 0x7F;
            int headerBytes = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
            if (in.remaining() < headerBytes) {
                return false;
            }
            long len = len7 == 126 ? in.getShort(at + 2) & 0xFFFF : len7 == 127 ? in.getLong(at + 2) : len7;
            int opcode = b0 & 0x0F;
            if (opcode >= 0x8) {
                if (in.remaining() < headerBytes + len) {
                    return false;
                }
                in.position(at + headerBytes);
                ByteBuffer payload = in.slice(in.position(), (int) len);
                in.position(in.position() + (int) len);
                control(opcode, payload);
                return true;
            }
            if (opcode != 0) {
                int head = (int) Math.min(len, HEAD);
                if (in.remaining() < headerBytes + head) {
                    return false;
                }
                messageText = opcode == 0x1;
                messageBytes = 0;
                kept.clear();
                keepLeft = handler.keep(messageText, in.slice(at + headerBytes, head));
            }
            in.position(at + headerBytes);
            frameFin = (b0 & 0x80) != 0;
            payloadLeft = len;
            inFrame = true;
        }
        int take = (int) Math.min(payloadLeft, in.remaining());
        int keep = (int) Math.min(keepLeft, take);
        if (keep > 0) {
            if (kept.remaining() < keep) {
                kept = ByteBuffer.allocate(Math.max(kept.capacity() * 2, kept.position() + keep)).put(kept.flip());
            }
            kept.put(in.slice(in.position(), keep));
            keepLeft -= keep;
        }
        in.position(in.position() + take);
        payloadLeft -= take;
        messageBytes += take;
        if (payloadLeft > 0) {
            return false;
        }
        inFrame = false;
        if (frameFin) {
            handler.counted(messageBytes);
            if (kept.position() > 0) {
                handler.message(messageText, kept.flip());
            }
            if (kept.capacity() > 64 * 1024) {
                kept = ByteBuffer.allocate(1024);
            }
            kept.clear();
        }
        return true;
    }

    private void control(int opcode, ByteBuffer payload) throws IOException {
        switch (opcode) {
            case 0x8 -> {
                int code = payload.remaining() >= 2 ? payload.getShort() & 0xFFFF : 1005;
                String reason = StandardCharsets.UTF_8.decode(payload).toString();
                ended(code, reason);
            }
            case 0x9 -> {
                byte[] echo = new byte[payload.remaining()];
                payload.get(echo);
                synchronized (this) {
                    send(0xA, echo);
                }
            }
            default -> {
                // A pong, or a reserved opcode: nothing to do.
            }
        }
    }

    private void ended(int code, String reason) {
        boolean wasClosed;
        synchronized (this) {
            wasClosed = closed;
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        if (!wasClosed) {
            handler.closed(code, reason);
        }
    }

    /**
     * One selector thread reading many sockets. Threads: {@link #register} and {@link #close}
     * from any thread; the handlers of its sockets run on its thread.
     */
    static final class Group {
        private final Selector selector;
        private final Queue<RawSocket> joining = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean stop;

        Group(String name) throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform().name(name).daemon().start(this::run);
        }

        void register(RawSocket socket) {
            joining.add(socket);
            selector.wakeup();
        }

        private void run() {
            while (!stop) {
                try {
                    selector.select(1000);
                    for (RawSocket s; (s = joining.poll()) != null; ) {
                        try {
                            s.channel.register(selector, SelectionKey.OP_READ, s);
                        } catch (IOException e) {
                            s.ended(1006, e.toString());
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        var socket = (RawSocket) key.attachment();
                        try {
                            socket.readable();
                        } catch (IOException | RuntimeException e) {
                            key.cancel();
                            socket.ended(1006, e.toString());
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("selector failed", e);
                }
            }
        }

        void close() throws InterruptedException, IOException {
            stop = true;
            selector.wakeup();
            thread.join();
            selector.close();
        }
    }
}
