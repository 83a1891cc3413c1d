package io.skyscope.desktop.video;

import io.skyscope.client.World;
import io.skyscope.client.video.VideoCaptureException;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoFrameSink;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.VoiceEngine;
import io.skyscope.client.voice.VoiceListener;
import io.skyscope.client.voice.VoiceSnapshot;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.Person;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video in the desktop app, on the voice engine's links: my camera and its self-view, my screen
 * share, and a {@link VideoFeed} for each camera and screen of the people I am linked with, laid
 * out by {@link VideoLayout}. Made by the voice model, given the engine once it runs, refreshed
 * with each engine snapshot.
 *
 * <p>Threads: commands, properties and {@link #refresh} on the FX thread; listing cameras and
 * screens runs on {@code background}; frames arrive on WebRTC's threads and go straight into the
 * feeds; engine events reach the FX thread through {@code fx}.
 */
public final class DesktopVideo extends VideoProperties implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopVideo.class);

    private final Settings settings;
    private final Supplier<List<ScreenChoice>> screenList;
    private final Executor background;
    private final Executor fx;
    private final Consumer<String> notice;
    private final VideoFeed self = new VideoFeed();
    private final VideoFrameSink selfSink = frame -> VideoStreams.show(self, frame);
    /** FX thread. */
    private VideoStreams streams;
    private final Set<VideoTile.Key> closedShares = new HashSet<>();
    private List<VideoTile> tiles = List.of();
    private VideoTile.Key enlarged;
    /** A share asked for that the engine has not reported yet (so the bar does not flicker off). */
    private boolean sharePending;
    private volatile VoiceEngine engine;
    private volatile VideoLayout current = VideoLayout.NONE;
    private boolean closed;

    /**
     * @param screens lists the screens to share; throws {@link VideoCaptureException} when there is
     *                nothing to share (no display); called on {@code background}
     * @param notice  tells the user something went wrong with video (the call goes on)
     */
    public DesktopVideo(Settings settings, Supplier<List<ScreenChoice>> screens, Executor background, Executor fx,
                        Consumer<String> notice) {
        this.settings = settings;
        this.screenList = screens;
        this.background = background;
        this.fx = fx;
        this.notice = notice;
    }

    /** Voice runs: video can start. FX thread. */
    public void started(VoiceEngine started) {
        engine = started;
        streams = new VideoStreams(started);
        started.addVideoSink(null, VideoKind.CAMERA, selfSink);
        started.addListener(new VoiceListener() {
            @Override
            public void videoProblem(String message) {
                fx.execute(() -> problem(message));
            }
        });
        available.set(true);
        background.execute(() -> {
            List<VideoDevice> found = started.cameras();
            VideoDevice saved = settings.camera()
                    .flatMap(id -> found.stream().filter(d -> d.id().equals(id)).findFirst()).orElse(null);
            if (saved != null) {
                started.useCamera(saved);
            }
            fx.execute(() -> {
                if (!closed) {
                    cameras.setAll(found);
                    if (saved != null) {
                        camera.set(saved);
                    }
                }
            });
        });
        refreshScreens();
    }

    @Override
    public void close() {
        closed = true;
        VoiceEngine e = engine;
        engine = null;
        if (e != null) {
            e.removeVideoSink(null, VideoKind.CAMERA, selfSink);
            streams.close();
        }
        available.set(false);
        current = VideoLayout.NONE;
        layout.set(VideoLayout.NONE);
    }

    // ---- commands ----------------------------------------------------------------------------

    @Override
    public void setCamera(boolean on) {
        VoiceEngine e = engine;
        if (e != null) {
            e.setCamera(on);
        }
    }

    @Override
    public void selectCamera(VideoDevice device) {
        VoiceEngine e = engine;
        if (e == null || device == null) {
            return;
        }
        e.useCamera(device);
        settings.camera(device.id());
        camera.set(device);
    }

    @Override
    public void refreshCameras() {
        VoiceEngine e = engine;
        if (e == null) {
            return;
        }
        background.execute(() -> {
            List<VideoDevice> found = e.cameras();
            fx.execute(() -> {
                if (!closed && !found.equals(cameras)) {
                    cameras.setAll(found);
                }
            });
        });
    }

    @Override
    public void refreshScreens() {
        background.execute(() -> {
            List<ScreenChoice> found;
            String why;
            try {
                found = screenList.get();
                why = found.isEmpty() ? "There is no screen to share." : "";
            } catch (VideoCaptureException e) {
                LOG.info("no screens to share: {}", e.getMessage());
                found = List.of();
                why = "There is no screen to share: " + e.getMessage() + ".";
            }
            List<ScreenChoice> listed = found;
            String problem = why;
            fx.execute(() -> {
                screens.setAll(listed);
                screensProblem.set(problem);
            });
        });
    }

    @Override
    public void share(ScreenChoice screen) {
        VoiceEngine e = engine;
        if (e == null || screen == null) {
            return;
        }
        try {
            e.shareScreen(screen.open().get());
        } catch (VideoCaptureException ex) {
            problem(ex.getMessage());
            return;
        }
        sharing.set(screen.name());
        sharePending = true;
    }

    @Override
    public void stopSharing() {
        VoiceEngine e = engine;
        if (e != null) {
            e.stopSharing();
        }
        sharePending = false;
        sharing.set("");
    }

    @Override
    public void enlarge(VideoTile.Key stream) {
        enlarged = stream;
        if (stream != null) {
            closedShares.remove(stream);
        }
        lay();
    }

    @Override
    public void closeLarge() {
        VideoTile large = current.large();
        if (large != null && large.kind() == VideoKind.SCREEN) {
            closedShares.add(large.key());
        }
        enlarged = null;
        lay();
    }

    @Override
    public VideoFeed selfView() {
        return self;
    }

    @Override
    public VideoLayout layout() {
        return current;
    }

    // ---- the engine's state into the model --------------------------------------------------

    /** FX thread, with each engine snapshot: my camera and share, the streams that reach me. */
    public void refresh(VoiceSnapshot s, World world, Integer videoPeers, Predicate<String> inMyRoom) {
        if (closed || engine == null) {
            return;
        }
        cameraOn.set(s.camera());
        if (s.cameraDevice() != null && !s.cameraDevice().equals(camera.get())) {
            camera.set(s.cameraDevice());
        }
        if (s.sharing()) {
            sharePending = false;
        } else if (!sharePending && !sharing.get().isEmpty()) {
            sharing.set("");
        }
        // A mixed meeting room's pictures (through the media server) show as a link's would.
        List<LinkState> links = new ArrayList<>(s.links());
        links.addAll(s.roomPictures());
        streams.follow(links);
        VideoTiles reaching = VideoTiles.of(links, streams::feed, id -> name(world, id), videoPeers, inMyRoom);
        tiles = reaching.tiles();
        limit.set(reaching.limit());
        // A share I closed stays closed while it runs; shared again, it shows large again.
        closedShares.retainAll(tiles.stream().map(VideoTile::key).toList());
        lay();
    }

    private void lay() {
        if (enlarged != null && tiles.stream().noneMatch(t -> t.key().equals(enlarged))) {
            enlarged = null;
        }
        VideoLayout next = VideoLayout.of(tiles, enlarged, closedShares);
        if (!next.equals(current)) {
            current = next;
            layout.set(next);
        }
    }

    private void problem(String message) {
        if (closed) {
            return;
        }
        sharePending = false;
        notice.accept(sentence(message));
    }

    /**
     * The engine's words ("my camera stopped: …", "… (the call goes on with voice)") as a notice
     * to the user: a sentence about "your" camera that ends by saying the call goes on.
     */
    static String sentence(String message) {
        String m = message == null || message.isBlank() ? "something went wrong with video" : message.strip();
        m = m.replace(" (the call goes on with voice)", "");
        if (m.startsWith("my ")) {
            m = "your " + m.substring(3);
        }
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return (m.endsWith(".") ? m : m + ".") + " The call goes on with sound.";
    }

    private static String name(World world, String userId) {
        Person p = world.person(userId);
        return p == null || p.displayName() == null ? "someone" : p.displayName();
    }
}
