package io.skyscope.client.voice;

import io.skyscope.client.voice.SpatialMixer.Voice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The render thread: every 10 ms takes a frame of each peer's voice from its jitter buffer, mixes
 * them with the {@link SpatialMixer} by where everyone stands, adds the chime, hands the result to
 * the echo canceller as the far end, and plays it. The speaker's blocking write paces the loop.
 */
final class RenderLoop implements Runnable {
    /** What the loop needs from its engine. */
    interface Host {
        boolean running();

        BackendSlots slots();

        VoiceProcessing processing();

        Collection<PeerLink> links();

        Positions positions();

        boolean deafened();
    }

    private final Host host;
    private final SpatialMixer mixer;
    private final Chime chime;
    private final short[] out = new short[2 * Pcm.FRAME];
    /** Keeps the pace when there is no speaker to block on. */
    private final FrameClock idle = new FrameClock();

    RenderLoop(Host host, SpatialMixer mixer, Chime chime) {
        this.host = host;
        this.mixer = mixer;
        this.chime = chime;
    }

    @Override
    public void run() {
        while (host.running()) {
            var output = host.slots().output();
            List<PeerLink> links = new ArrayList<>(host.links());
            List<Voice> voices = new ArrayList<>(links.size());
            double[] me = host.positions().self();
            for (PeerLink link : links) {
                short[] frame = new short[Pcm.FRAME];
                link.voice.jitter.read(frame);
                double[] them = host.positions().of(link.peerId);
                boolean placed = me != null && them != null;
                boolean spatial = placed && "proximity".equals(link.reason);
                double dx = placed ? them[0] - me[0] : 0;
                double dy = placed ? them[1] - me[1] : 0;
                double distanceGain = spatial ? SpatialMixer.distanceGain(Math.hypot(dx, dy), mixer.settings()) : 1;
                link.inRange = distanceGain > 0;
                link.gain = host.deafened() ? 0 : distanceGain * Math.max(0, Math.min(2, link.volume));
                voices.add(new Voice(link.peerId, frame, dx, dy, link.volume, spatial));
            }
            boolean deaf = host.deafened();
            mixer.mix(voices, deaf, out);
            if (!deaf) {
                chime.addTo(out);
            }
            host.processing().render(out);
            if (output != null) {
                output.write(out);
            } else if (!idle.await()) {
                return;
            }
        }
    }
}
