package io.skyscope.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one observing user knows of the others, decoded from every frame it receives: JSON
 * {@code welcome} and {@code presence.update} (joined, left, moved), and binary position frames
 * ({@link PositionFrame}), whose numbers it resolves with the {@code number} of each person in the
 * JSON. For each person it holds the newest position and the send time of the move that put them
 * there; a position that is news is timed (send to receipt) and, if its move was sent in the
 * measured window, counted as delivered.
 *
 * <p>Threads: {@link #text} and {@link #binary} run on the observer's socket listener (one at a
 * time); the figures are read by the benchmark's main thread, the send times by its age sampler.
 * Everything but the send times is guarded by {@code this}.
 */
final class CrowdObserver implements PositionFrame.Sink {
    private static final JsonFactory JSON = new JsonFactory();

    final CrowdUser user;
    final Samples latencies = new Samples();
    private final Map<String, CrowdUser> byId;
    private final CrowdBenchmark.Window window;
    private final long[] heldPos;
    private final AtomicLongArray heldSent;
    private final int[] numberOf;
    private CrowdUser[] byNumber = new CrowdUser[1024];
    private long now;
    private long delivered;
    private long binaryFrames;
    private long binaryEntries;
    private long jsonEntries;
    private long unknownNumbers;

    CrowdObserver(CrowdUser user, Map<String, CrowdUser> byId, int users, CrowdBenchmark.Window window) {
        this.user = user;
        this.byId = byId;
        this.window = window;
        this.heldPos = new long[users];
        this.heldSent = new AtomicLongArray(users);
        this.numberOf = new int[users];
        Arrays.fill(numberOf, -1);
    }

    /** The send time of the newest position held for user {@code index}, or 0 if unknown. */
    long heldSentAt(int index) {
        return heldSent.getAcquire(index);
    }

    synchronized long delivered() {
        return delivered;
    }

    synchronized String encodings() {
        return String.format("binary frames %d (%d positions, %d of unknown numbers), JSON moved entries %d",
                binaryFrames, binaryEntries, unknownNumbers, jsonEntries);
    }

    synchronized long binaryEntries() {
        return binaryEntries;
    }

    synchronized long jsonEntries() {
        return jsonEntries;
    }

    synchronized void binary(ByteBuffer frame, long receivedAt) {
        now = receivedAt;
        binaryFrames++;
        binaryEntries += PositionFrame.decode(frame, this);
    }

    @Override
    public void position(int number, int x, int y) {
        CrowdUser mover = number < byNumber.length ? byNumber[number] : null;
        if (mover == null) {
            unknownNumbers++;
        } else {
            seen(mover, x, y);
        }
    }

    /** A welcome (which replaces all that was known) or a presence.update. */
    synchronized void text(String frame, long receivedAt) {
        now = receivedAt;
        try (JsonParser p = JSON.createParser(frame)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> {
                        if (p.getText().equals("welcome")) {
                            Arrays.fill(byNumber, null);
                            Arrays.fill(numberOf, -1);
                        }
                    }
                    case "people", "joined", "moved" -> {
                        while (value == JsonToken.START_ARRAY && p.nextToken() == JsonToken.START_OBJECT) {
                            person(p, field.equals("moved"));
                        }
                    }
                    case "left" -> {
                        while (value == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_STRING) {
                            left(byId.get(p.getText()));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable frame " + frame, e);
        }
    }

    private void person(JsonParser p, boolean moved) throws IOException {
        String id = null;
        double x = Double.NaN;
        double y = Double.NaN;
        int number = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "userId" -> id = p.getText();
                case "x" -> x = p.getDoubleValue();
                case "y" -> y = p.getDoubleValue();
                case "number" -> number = p.getIntValue();
                default -> p.skipChildren();
            }
        }
        CrowdUser who = byId.get(id);
        if (who == null || who == user) {
            return;
        }
        if (number >= 0) {
            numbered(who, number);
        }
        if (moved) {
            jsonEntries++;
        }
        seen(who, (int) Math.round(x), (int) Math.round(y));
    }

    private void numbered(CrowdUser who, int number) {
        left(who);
        if (number >= byNumber.length) {
            byNumber = Arrays.copyOf(byNumber, Math.max(number + 1, byNumber.length * 2));
        }
        byNumber[number] = who;
        numberOf[who.index] = number;
    }

    private void left(CrowdUser who) {
        if (who != null && numberOf[who.index] >= 0) {
            if (byNumber[numberOf[who.index]] == who) {
                byNumber[numberOf[who.index]] = null;
            }
            numberOf[who.index] = -1;
        }
    }

    /** A position of {@code mover}: news unless it is the one already held (a position seen again is timed once). */
    private void seen(CrowdUser mover, int x, int y) {
        long packed = CrowdUser.pack(x, y);
        int i = mover.index;
        if (heldPos[i] == packed && heldSent.getPlain(i) != 0) {
            return;
        }
        heldPos[i] = packed;
        long sent = mover.sentAt(packed);
        heldSent.setRelease(i, sent);
        if (sent != 0 && window.contains(sent)) {
            delivered++;
            latencies.add(now - sent);
        }
    }
}
