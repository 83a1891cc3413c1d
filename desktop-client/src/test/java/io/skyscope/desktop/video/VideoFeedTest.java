package io.skyscope.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.desktop.e2e.Fx;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Frames handed from a producer thread to the FX thread: the newest is shown, sizes may change. */
class VideoFeedTest {

    @BeforeAll
    static void fx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theImageShowsTheNewestFrameAndIsMadeAgainOnlyWhenTheSizeChanges() throws Exception {
        VideoFeed feed = new VideoFeed();
        assertThat(Fx.get(feed::image)).as("nothing before the first frame").isNull();
        assertThat(feed.frames()).isZero();

        onAnotherThread(() -> {
            feed.publish(4, 2, solid(10, 20, 30));
            feed.publish(4, 2, solid(200, 100, 50));
        });
        WritableImage first = Fx.get(feed::image);
        assertThat(first.getWidth()).isEqualTo(4);
        assertThat(first.getHeight()).isEqualTo(2);
        assertThat(Fx.get(() -> first.getPixelReader().getArgb(3, 1))).isEqualTo(0xFF32_64C8);
        assertThat(feed.frames()).isEqualTo(2);
        assertThat(feed.lastFrameNanos()).isPositive();

        onAnotherThread(() -> feed.publish(4, 2, solid(1, 2, 3)));
        assertThat(Fx.get(feed::image)).as("same size, same image").isSameAs(first);
        assertThat(Fx.get(() -> first.getPixelReader().getArgb(0, 0))).isEqualTo(0xFF03_0201);

        onAnotherThread(() -> feed.publish(8, 6, solid(9, 9, 9)));
        WritableImage larger = Fx.get(feed::image);
        assertThat(larger).isNotSameAs(first);
        assertThat(larger.getWidth()).isEqualTo(8);
        assertThat(Fx.get(() -> larger.getPixelReader().getArgb(7, 5))).isEqualTo(0xFF09_0909);
        assertThat(Fx.get(feed::image)).as("no new frame: the same image").isSameAs(larger);
    }

    @Test
    void aProducerFasterThanTheScreenNeverWritesTheBufferBeingShown() throws Exception {
        VideoFeed feed = new VideoFeed();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 2_000; i++) {
                int v = i % 2 == 0 ? 0x40 : 0xC0;
                feed.publish(64, 36, solid(v, v, v));
            }
        });
        while (producer.isAlive()) {
            // Every picture shown is one whole frame: all its pixels alike.
            boolean whole = Fx.get(() -> {
                WritableImage image = feed.image();
                if (image == null) {
                    return true;
                }
                int corner = image.getPixelReader().getArgb(0, 0);
                return image.getPixelReader().getArgb(63, 35) == corner && image.getPixelReader().getArgb(32, 18) == corner;
            });
            assertThat(whole).isTrue();
        }
        producer.join();
        assertThat(feed.frames()).isEqualTo(2_000);
    }

    private static VideoFeed.Fill solid(int b, int g, int r) {
        return bgra -> {
            while (bgra.remaining() >= 4) {
                bgra.put((byte) b).put((byte) g).put((byte) r).put((byte) 0xFF);
            }
        };
    }

    private static void onAnotherThread(Runnable r) throws InterruptedException {
        Thread t = Thread.ofPlatform().start(r);
        t.join();
    }
}
