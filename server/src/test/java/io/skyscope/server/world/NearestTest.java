package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestTest {

    @ParameterizedTest(name = "{0} candidates, keep {1}")
    @CsvSource({"0, 5", "5, 5", "6, 5", "100, 1", "1000, 64", "5000, 64", "65, 64"})
    void keepsExactlyTheNearest(int count, int k) {
        var random = new Random(count * 31L + k);
        var nearest = new Nearest<Double>();
        double[] distances = new double[count];
        for (int i = 0; i < count; i++) {
            distances[i] = random.nextInt(500);
            nearest.add(distances[i], distances[i]);
        }
        nearest.keepNearest(k);
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < nearest.size(); i++) {
            assertThat(nearest.distanceSquared(i)).isEqualTo(nearest.get(i));
            kept.add(nearest.get(i));
        }
        Arrays.sort(distances);
        var expected = Arrays.stream(distances).limit(k).boxed().toList();
        assertThat(kept).hasSize(Math.min(count, k)).containsExactlyInAnyOrderElementsOf(expected);
        nearest.clear();
        assertThat(nearest.size()).isZero();
    }
}
