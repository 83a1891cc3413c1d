package io.skyscope.client.voice;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The short two-note sound (660 Hz then 990 Hz, 90 ms each, about -26 dBFS) played when someone
 * comes into hearing range. {@link #ring} may be called from any thread; {@link #addTo} is called
 * by the render thread and mixes the next 10 ms into an output frame.
 */
final class Chime {
    private static final int NOTE = 90 * Pcm.SAMPLE_RATE / 1000;
    private static final double AMPLITUDE = 1600;
    private final AtomicBoolean pending = new AtomicBoolean();
    private int position = -1;

    void ring() {
        pending.set(true);
    }

    void addTo(short[] stereo) {
        if (pending.getAndSet(false)) {
            position = 0;
        }
        if (position < 0) {
            return;
        }
        for (int i = 0; i < stereo.length / 2 && position < 2 * NOTE; i++, position++) {
            double f = position < NOTE ? 660 : 990;
            int inNote = position % NOTE;
            double envelope = Math.sin(Math.PI * inNote / NOTE);
            double s = AMPLITUDE * envelope * Math.sin(2 * Math.PI * f * inNote / Pcm.SAMPLE_RATE);
            stereo[2 * i] = Pcm.clip(stereo[2 * i] + s);
            stereo[2 * i + 1] = Pcm.clip(stereo[2 * i + 1] + s);
        }
        if (position >= 2 * NOTE) {
            position = -1;
        }
    }
}
