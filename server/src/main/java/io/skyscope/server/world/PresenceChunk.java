package io.skyscope.server.world;

import io.skyscope.protocol.PositionFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The positions that go to everyone within the interest radius in one tick, of the movers standing
 * in one cell of a grid: encoded once (binary entries, and JSON fragments when a JSON client needs
 * them) and shared by every frame that carries them. Owned by the space's thread.
 */
final class PresenceChunk {
    int cellX;
    int cellY;
    final List<Occupant> movers = new ArrayList<>();
    private byte[] bytes = new byte[16 * PositionFrame.ENTRY_BYTES];
    private final List<String> json = new ArrayList<>();

    PresenceChunk reset(int x, int y) {
        cellX = x;
        cellY = y;
        movers.clear();
        json.clear();
        return this;
    }

    void add(Occupant mover) {
        mover.chunk = this;
        mover.chunkIndex = movers.size();
        movers.add(mover);
    }

    /** Encodes the binary entries; once per tick, after the last {@link #add}. */
    void encode() {
        int length = movers.size() * PositionFrame.ENTRY_BYTES;
        if (bytes.length < length) {
            bytes = Arrays.copyOf(bytes, Math.max(length, bytes.length * 2));
        }
        for (int i = 0; i < movers.size(); i++) {
            Occupant m = movers.get(i);
            PositionFrame.entry(bytes, i * PositionFrame.ENTRY_BYTES, m.number, m.x(), m.y());
        }
    }

    byte[] bytes() {
        return bytes;
    }

    /**
     * The JSON entries, comma-separated, in parts of at most {@code perPart} entries (so that no
     * frame grows without bound in a dense crowd); built on first use in a tick.
     */
    List<String> json(Function<Occupant, String> fragment, int perPart) {
        if (json.isEmpty() && !movers.isEmpty()) {
            for (int from = 0; from < movers.size(); from += perPart) {
                var part = new StringBuilder();
                for (int i = from; i < Math.min(movers.size(), from + perPart); i++) {
                    if (i > from) {
                        part.append(',');
                    }
                    part.append(fragment.apply(movers.get(i)));
                }
                json.add(part.toString());
            }
        }
        return json;
    }
}
