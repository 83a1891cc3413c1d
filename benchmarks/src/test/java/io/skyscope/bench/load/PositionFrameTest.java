package io.skyscope.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionFrameTest {

    private static List<int[]> decode(byte[] bytes) {
        List<int[]> entries = new ArrayList<>();
        int count = PositionFrame.decode(ByteBuffer.wrap(bytes), (n, x, y) -> entries.add(new int[] {n, x, y}));
        assertThat(count).isEqualTo(entries.size());
        return entries;
    }

    @Test
    void readsEveryEntryBigEndianAndUnsigned() {
        byte[] frame = {
            0x01, 0x00, 0x02,
            0x00, 0x07, 0x0C, (byte) 0x80, 0x01, 0x2C,                   // 7 at (3200, 300)
            (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00 // 65534 at (65535, 0)
        };

        assertThat(decode(frame)).containsExactly(new int[] {7, 3200, 300}, new int[] {65534, 65535, 0});
    }

    @Test
    void anEmptyFrameHasNoEntries() {
        assertThat(decode(new byte[] {0x01, 0x00, 0x00})).isEmpty();
    }

    @Test
    void readsFromTheBuffersPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0x55, 0x01, 0x00, 0x01, 0x01, 0x00, 0x00, 0x10, 0x00, 0x20});
        buffer.position(1);
        List<int[]> entries = new ArrayList<>();

        PositionFrame.decode(buffer, (n, x, y) -> entries.add(new int[] {n, x, y}));

        assertThat(entries).containsExactly(new int[] {256, 16, 32});
    }

    @Test
    void refusesAnUnknownKindAndAWrongLength() {
        assertThatThrownBy(() -> decode(new byte[] {0x02, 0x00, 0x00})).hasMessageContaining("kind 2");
        assertThatThrownBy(() -> decode(new byte[] {0x01, 0x00, 0x01, 0x00, 0x01})).hasMessageContaining("got 5");
        assertThatThrownBy(() -> decode(new byte[] {0x01, 0x00})).hasMessageContaining("at least 3");
    }
}
