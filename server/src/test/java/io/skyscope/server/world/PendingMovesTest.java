package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PendingMovesTest {

    @ParameterizedTest(name = "{0} entries, keep {1}")
    @CsvSource({"0, 5", "5, 5", "6, 5", "100, 1", "1000, 96", "5000, 96", "97, 96"})
    void keepsExactlyTheNearest(int count, int cap) {
        var random = new Random(count * 31L + cap);
        var pending = new PendingMoves();
        double[] distances = new double[count];
        for (int i = 0; i < count; i++) {
            distances[i] = random.nextInt(500);
            pending.add(String.format("%08.0f", distances[i]), distances[i]);
        }
        pending.keepNearest(cap);
        var sb = new StringBuilder();
        pending.drainTo(sb);
        List<Double> kept = new ArrayList<>();
        if (!sb.isEmpty()) {
            for (String s : sb.toString().split(",")) {
                kept.add(Double.parseDouble(s));
            }
        }
        Arrays.sort(distances);
        var expected = Arrays.stream(distances).limit(cap).boxed().toList();
        assertThat(kept).hasSize(Math.min(count, cap)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pending.isEmpty()).isTrue();
    }
}
