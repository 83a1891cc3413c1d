package io.skyscope.desktop.voice;

import io.skyscope.client.World;
import io.skyscope.client.voice.LinkState;
import io.skyscope.protocol.Person;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What the voice bar and the canvas show, worked out from the engine's snapshot, the server's
 * flags for the others and the world (for names). Speaking comes from a person's own audio while
 * a link to them is up, from their report to the server otherwise; muted from their report, and for
 * me from my engine (muted, deafened, or no microphone). Camera and screen-share icons likewise: from
 * the link while there is one, from the server's flags otherwise, mine from my engine. Pure.
 *
 * @param peers  one row per voice link, by name
 * @param hearMe the names of those who hear me now
 * @param canvas the speaking rings, muted icons and hearing range the render loop draws
 */
record VoiceView(List<VoicePeer> peers, List<String> hearMe, CanvasVoiceSnapshot canvas) {

    static VoiceView of(io.skyscope.client.voice.VoiceSnapshot engine, VoiceFlags.Flags flags, World world,
                        ToDoubleFunction<String> volume, double hearingRadius) {
        List<VoicePeer> rows = new ArrayList<>();
        Set<String> speaking = new HashSet<>(flags.speaking());
        Set<String> muted = new HashSet<>(flags.muted());
        Set<String> camera = new HashSet<>(flags.camera());
        Set<String> sharing = new HashSet<>(flags.screen());
        for (LinkState l : engine.links()) {
            boolean connected = l.state() == LinkState.State.CONNECTED;
            boolean speaks = connected && l.speaking();
            if (connected && !speaks) {
                speaking.remove(l.peerId());
            }
            if (speaks) {
                speaking.add(l.peerId());
            }
            if (l.muted()) {
                muted.add(l.peerId());
            }
            if (l.video().camera()) {
                camera.add(l.peerId());
            }
            if (l.video().screen()) {
                sharing.add(l.peerId());
            }
            rows.add(new VoicePeer(l.peerId(), name(world, l.peerId()), stateText(l.state()), l.reason(), connected,
                    speaks, muted.contains(l.peerId()), meter(l.level()), volume.applyAsDouble(l.peerId()),
                    engine.canHearMe().contains(l.peerId())));
        }
        rows.sort(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)));
        String me = world.me();
        if (me != null) {
            speaking.remove(me);
            muted.remove(me);
            if (engine.speaking()) {
                speaking.add(me);
            }
            if (engine.muted()) {
                muted.add(me);
            }
            camera.remove(me);
            sharing.remove(me);
            if (engine.camera()) {
                camera.add(me);
            }
            if (engine.sharing()) {
                sharing.add(me);
            }
        }
        List<String> hearMe = rows.stream().filter(VoicePeer::hearsMe).map(VoicePeer::name).toList();
        return new VoiceView(List.copyOf(rows), hearMe, new CanvasVoiceSnapshot(speaking, muted, hearingRadius,
                camera, sharing, java.util.Map.of()));
    }

    /** What the bar says is missing, and what to do; empty when both devices are there. */
    static String deviceProblem(boolean noMic, boolean noSpeaker) {
        if (noMic && noSpeaker) {
            return "No microphone or speaker found: you are in calls, but others see you muted and you hear nobody. "
                    + "Plug in a headset and pick it here.";
        }
        if (noMic) {
            return "No microphone found: nobody hears you, and others see you muted. Plug one in and pick it here.";
        }
        if (noSpeaker) {
            return "No speaker found: you hear nobody. Plug in headphones or a speaker and pick it here.";
        }
        return "";
    }

    /** dBFS to a meter's 0..1, with -60 dBFS (room noise) as empty. */
    static double meter(double dbfs) {
        return Math.max(0, Math.min(1, (dbfs + 60) / 60));
    }

    static String name(World world, String userId) {
        Person p = world.person(userId);
        return p == null || p.displayName() == null ? "someone" : p.displayName();
    }

    private static String stateText(LinkState.State state) {
        return switch (state) {
            case CONNECTING -> "connecting…";
            case CONNECTED -> "connected";
            case FAILED -> "could not connect";
            case CLOSED -> "closed";
        };
    }
}
