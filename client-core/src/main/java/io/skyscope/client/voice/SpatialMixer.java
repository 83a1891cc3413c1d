package io.skyscope.client.voice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mixes the decoded voices of everyone I hear into one stereo frame, as if they stood where their
 * avatars stand: quieter with distance, panned left or right by where they are relative to me,
 * times a volume I chose for each person. Deafened, it outputs silence.
 *
 * <p>Pure apart from the gains of the previous frame, which it ramps from so that a gain change (a
 * step, a volume slider) never clicks. One thread calls {@link #mix} (the engine's render thread);
 * the static functions are the law and are safe anywhere.
 */
public final class SpatialMixer {

    /**
     * @param fullVolumeDistance up to this distance (map px) a voice is at full volume
     * @param hearingRadius      at and beyond this distance a voice is silent; it fades to zero
     *                           over the last quarter so that it never stops abruptly
     * @param panWidth           a voice this far (px) to the side, or further, is entirely on that side
     */
    public record Settings(double fullVolumeDistance, double hearingRadius, double panWidth) {
        /** One tile at full volume, silent at the server's default leave radius of 160 px. */
        public static final Settings DEFAULT = new Settings(32, 160, 128);

        public Settings {
            if (!(fullVolumeDistance > 0 && hearingRadius > fullVolumeDistance && panWidth > 0)) {
                throw new IllegalArgumentException("need 0 < fullVolumeDistance < hearingRadius and panWidth > 0");
            }
        }

        public Settings withHearingRadius(double radius) {
            return new Settings(Math.min(fullVolumeDistance, radius / 2), radius, panWidth);
        }
    }

    /**
     * One voice in this frame.
     *
     * @param peerId  who is speaking
     * @param mono    480 samples of their decoded voice
     * @param dx      their x minus mine (map px): negative is to my left
     * @param dy      their y minus mine
     * @param volume  the volume I chose for them, 1 = as they are (0 to 2)
     * @param spatial false for voices that should not fade or pan (a meeting room, a stage)
     */
    public record Voice(String peerId, short[] mono, double dx, double dy, double volume, boolean spatial) {
    }

    /** Linear gains applied to one voice in each ear. */
    public record Gains(double left, double right) {
        public static final Gains SILENT = new Gains(0, 0);

        public double loudest() {
            return Math.max(left, right);
        }
    }

    private final Map<String, Gains> previous = new HashMap<>();
    private volatile Settings settings;

    public SpatialMixer(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** May be called from any thread; the next frame uses it. */
    public void settings(Settings settings) {
        this.settings = settings;
    }

    /** Gain by distance alone: 1 up to the full-volume distance, then about 1/d, 0 at the radius. */
    public static double distanceGain(double distance, Settings s) {
        if (distance <= s.fullVolumeDistance()) {
            return 1;
        }
        if (distance >= s.hearingRadius()) {
            return 0;
        }
        double inverse = s.fullVolumeDistance() / distance;
        double fadeBand = 0.25 * s.hearingRadius();
        double edge = Math.min(1, (s.hearingRadius() - distance) / fadeBand);
        return inverse * edge;
    }

    /** Constant-power pan: left² + right² = 1 wherever the voice is; centre gives 0.707 each. */
    public static Gains pan(double dx, Settings s) {
        double p = Math.max(-1, Math.min(1, dx / s.panWidth()));
        double angle = (p + 1) * Math.PI / 4;
        return new Gains(Math.cos(angle), Math.sin(angle));
    }

    /** The gains for one voice: distance, pan and my volume for them. */
    public static Gains gains(Voice v, Settings s) {
        double volume = Math.max(0, Math.min(2, v.volume()));
        if (!v.spatial()) {
            Gains centre = pan(0, s);
            return new Gains(centre.left() * volume, centre.right() * volume);
        }
        double g = distanceGain(Math.hypot(v.dx(), v.dy()), s) * volume;
        Gains p = pan(v.dx(), s);
        return new Gains(p.left() * g, p.right() * g);
    }

    /**
     * Mixes the voices into {@code stereoOut} (480 interleaved left/right pairs), ramping each
     * voice's gains linearly from last frame's. A voice heard for the first time ramps up from
     * silence. Returns the gains reached, by peer.
     */
    public Map<String, Gains> mix(List<Voice> voices, boolean deafened, short[] stereoOut) {
        int frames = stereoOut.length / 2;
        double[] left = new double[frames];
        double[] right = new double[frames];
        Settings s = settings;
        Map<String, Gains> now = new HashMap<>();
        for (Voice v : voices) {
            Gains target = deafened ? Gains.SILENT : gains(v, s);
            Gains from = previous.getOrDefault(v.peerId(), Gains.SILENT);
            now.put(v.peerId(), target);
            if (target.loudest() == 0 && from.loudest() == 0) {
                continue;
            }
            int n = Math.min(frames, v.mono().length);
            for (int i = 0; i < n; i++) {
                double t = (i + 1) / (double) frames;
                double sample = v.mono()[i];
                left[i] += sample * (from.left() + (target.left() - from.left()) * t);
                right[i] += sample * (from.right() + (target.right() - from.right()) * t);
            }
        }
        for (int i = 0; i < frames; i++) {
            stereoOut[2 * i] = Pcm.clip(left[i]);
            stereoOut[2 * i + 1] = Pcm.clip(right[i]);
        }
        previous.clear();
        previous.putAll(now);
        return now;
    }
}
