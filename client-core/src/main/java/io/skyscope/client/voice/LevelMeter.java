package io.skyscope.client.voice;

/**
 * Turns 10 ms frames into a level for a meter (dBFS, falling back slowly like a VU meter) and a
 * speaking flag with a hangover, so that the short pauses between words do not make a speaking
 * indicator flicker. One thread updates; any thread reads.
 */
final class LevelMeter {
    /** Louder than this counts as speech. */
    static final double SPEAKING_DBFS = -45;
    private static final int HANGOVER_FRAMES = 40;
    private static final double FALL_DB_PER_FRAME = 1.5;

    private volatile double level = -120;
    private volatile boolean speaking;
    private int quietFrames = HANGOVER_FRAMES;

    /** Measures a frame; returns true if the speaking flag changed. */
    boolean update(short[] frame, int offset, int count, int stride) {
        double db = Pcm.dbfs(Pcm.rms(frame, offset, count, stride));
        level = Math.max(db, level - FALL_DB_PER_FRAME);
        boolean was = speaking;
        if (db > SPEAKING_DBFS) {
            quietFrames = 0;
        } else if (quietFrames < HANGOVER_FRAMES) {
            quietFrames++;
        }
        speaking = quietFrames < HANGOVER_FRAMES;
        return was != speaking;
    }

    boolean update(short[] mono) {
        return update(mono, 0, mono.length, 1);
    }

    /** Forgets everything: silent, not speaking. Returns true if the speaking flag changed. */
    boolean reset() {
        boolean was = speaking;
        level = -120;
        speaking = false;
        quietFrames = HANGOVER_FRAMES;
        return was;
    }

    double level() {
        return level;
    }

    boolean speaking() {
        return speaking;
    }
}
