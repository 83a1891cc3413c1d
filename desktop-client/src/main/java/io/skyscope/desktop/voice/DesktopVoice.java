package io.skyscope.desktop.voice;

import io.skyscope.client.Session;
import io.skyscope.client.World;
import io.skyscope.client.voice.AudioBackend;
import io.skyscope.client.voice.AudioDevice;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceEngine;
import io.skyscope.client.voice.VoiceListener;
import io.skyscope.client.voice.VoiceSnapshot;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.video.DesktopVideo;
import io.skyscope.desktop.video.VideoModel;
import io.skyscope.protocol.Person;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.input.KeyCode;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proximity voice in the desktop app: client-core's {@link VoiceEngine} wired to this space's
 * {@link Session} by client-core's {@link SessionVoice} (signalling, the voice set across
 * reconnects, ICE servers, the hearing radius), with sound devices from an {@link AudioBackend} (Java Sound; tests
 * inject the headless one). The engine starts on a background thread when the space is entered and
 * is closed when it is left; it is the one owner of the native objects.
 *
 * <p>Without a microphone or a speaker (a computer without a sound card) voice still runs: the
 * server links me with the people near me, they see me muted and I hear nothing, and the bar says
 * so and lets me pick a device once one is plugged in. Only an engine that cannot start at all
 * (WebRTC's native library missing) makes voice unavailable.
 *
 * <p>Threads: commands and properties on the FX thread. A {@link Timeline} reads the engine's
 * immutable snapshot ten times a second and publishes the canvas's {@link CanvasVoiceSnapshot}; engine
 * events and background results reach the FX thread through {@code fx}. Opening devices and
 * starting or switching them runs on {@code background}. Video on the same links is
 * {@link DesktopVideo}'s, given the engine once it runs and refreshed with each snapshot.
 */
public final class DesktopVoice extends VoiceProperties implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopVoice.class);
    private static final Duration REFRESH = Duration.millis(100);

    private final Session link;
    private final Settings settings;
    private final Supplier<AudioBackend> audio;
    private final VoiceConfig config;
    private final Executor background;
    private final Executor fx;
    private final VoiceFlags flags;
    private final DesktopVideo video;
    private final Timeline refresh = new Timeline(new KeyFrame(REFRESH, e -> refresh()));
    /** FX thread: peers whose saved volume was given to the engine. */
    private final Set<String> volumesApplied = new HashSet<>();
    private volatile AudioBackend backend;
    private volatile SessionVoice voice;
    private volatile VoiceEngine engine;
    private volatile CanvasVoiceSnapshot snapshot = CanvasVoiceSnapshot.NONE;
    private boolean userMuted;
    private boolean closed;
    private long notices;
    /** When the voice settings were last loaded again for the video strip (FX thread), in ms. */
    private long settingsReloaded;

    public DesktopVoice(Session link, Settings settings, Supplier<AudioBackend> audio,
                        Supplier<List<VideoModel.ScreenChoice>> screens, VoiceConfig config, Executor background,
                        Executor fx) {
        this.link = link;
        this.settings = settings;
        this.audio = audio;
        this.config = config;
        this.background = background;
        this.fx = fx;
        this.flags = new VoiceFlags(link);
        this.video = new DesktopVideo(settings, screens, background, fx,
                text -> tell("Video", text, false));
        pushToTalk.set(settings.pushToTalk());
        talkKey.set(keyCode(settings.talkKey()));
        problem.set("Starting voice…");
        refresh.setCycleCount(Animation.INDEFINITE);
        background.execute(this::start);
    }

    // ---- start and stop --------------------------------------------------------------------

    /** Background: starts the engine without devices, then opens the chosen (or default) ones. */
    private void start() {
        SessionVoice wired;
        try {
            backend = audio.get();
            wired = SessionVoice.attach(link, config, backend, AudioDevice.none(true), AudioDevice.none(false));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("voice cannot start", e);
            String why = "Voice could not start (" + e.getMessage() + "). You can still see who is near and chat. "
                    + "On Linux, install PulseAudio's client library (apt-get install libpulse0) and enter the space again.";
            fx.execute(() -> {
                problem.set(why);
                tell("Voice is not available", why, true);
            });
            return;
        }
        VoiceEngine started = wired.engine();
        started.setPushToTalk(settings.pushToTalk());
        started.addListener(new Events());
        List<AudioDevice> inputs = backend.inputs();
        List<AudioDevice> outputs = backend.outputs();
        String inputProblem = DeviceChoice.open(started, DeviceChoice.choose(inputs, settings.inputDevice().orElse(null), true), true);
        String outputProblem = DeviceChoice.open(started, DeviceChoice.choose(outputs, settings.outputDevice().orElse(null), false), false);
        // Published only now, complete: a space left meanwhile closes it here, devices and all.
        synchronized (this) {
            if (closed) {
                wired.close();
                return;
            }
            voice = wired;
            engine = started;
        }
        LOG.info("voice started in space {}: microphone {}, speaker {}", link.spaceId(),
                started.snapshot().input().name(), started.snapshot().output().name());
        fx.execute(() -> {
            if (closed) {
                return;
            }
            inputDevices.setAll(inputs);
            outputDevices.setAll(outputs);
            applyMute();
            available.set(true);
            video.started(started);
            refresh.play();
            refresh();
            for (String p : new String[] {inputProblem, outputProblem}) {
                if (p != null) {
                    tell("A sound device could not be opened", p, true);
                }
            }
        });
    }

    @Override
    public void ring() {
        VoiceEngine running = engine;
        if (running != null) {
            running.ring();
        }
    }

    /** Stops voice (the space is left); FX thread. The engine closes its links and native objects. */
    @Override
    public void close() {
        SessionVoice running;
        synchronized (this) {
            closed = true;
            running = voice;
            voice = null;
            engine = null;
        }
        refresh.stop();
        flags.close();
        video.close();
        if (running != null) {
            running.close();
        }
        snapshot = CanvasVoiceSnapshot.NONE;
    }

    // ---- commands --------------------------------------------------------------------------

    @Override
    public void setMuted(boolean on) {
        userMuted = on;
        applyMute();
        muted.set(on || deafened.get() || !hasMicrophone.get());
    }

    @Override
    public void setDeafened(boolean on) {
        withEngine(e -> e.setDeafened(on));
        deafened.set(on);
        muted.set(userMuted || on || !hasMicrophone.get());
    }

    @Override
    public void setPushToTalk(boolean on) {
        settings.pushToTalk(on);
        pushToTalk.set(on);
        withEngine(e -> {
            e.setTalkKey(false);
            e.setPushToTalk(on);
        });
    }

    @Override
    public void setTalkKey(KeyCode key) {
        settings.talkKey(key.name());
        talkKey.set(key);
    }

    @Override
    public void talk(boolean down) {
        withEngine(e -> e.setTalkKey(down));
    }

    @Override
    public void selectInput(AudioDevice device) {
        switchTo(device, true);
    }

    @Override
    public void selectOutput(AudioDevice device) {
        switchTo(device, false);
    }

    private void switchTo(AudioDevice device, boolean input) {
        VoiceEngine e = engine;
        if (e == null || device == null) {
            return;
        }
        background.execute(() -> {
            String failed = DeviceChoice.open(e, device, input);
            fx.execute(() -> {
                if (failed != null) {
                    tell("A sound device could not be opened", failed, true);
                } else if (input) {
                    settings.inputDevice(device.id());
                } else {
                    settings.outputDevice(device.id());
                }
                applyMute();
                refresh();
            });
        });
    }

    @Override
    public void refreshDevices() {
        AudioBackend b = backend;
        if (b == null) {
            return;
        }
        background.execute(() -> {
            List<AudioDevice> inputs = b.inputs();
            List<AudioDevice> outputs = b.outputs();
            fx.execute(() -> {
                if (!inputs.equals(inputDevices)) {
                    inputDevices.setAll(inputs);
                }
                if (!outputs.equals(outputDevices)) {
                    outputDevices.setAll(outputs);
                }
            });
        });
    }

    @Override
    public void setVolume(String userId, double volume) {
        double v = Math.max(0, Math.min(2, volume));
        settings.volume(userId, v);
        withEngine(e -> e.setVolume(userId, v));
        refresh();
    }

    @Override
    public VideoModel video() {
        return video;
    }

    @Override
    public CanvasVoiceSnapshot snapshot() {
        return snapshot;
    }

    // ---- state for the UI ------------------------------------------------------------------

    /** Without a microphone I am muted whatever the mute button says, so others see it. */
    private void applyMute() {
        VoiceEngine e = engine;
        boolean noMic = e == null || e.snapshot().input() == null || e.snapshot().input().isNone();
        withEngine(en -> en.setMuted(userMuted || noMic));
    }

    /** FX thread, ten times a second: the engine's snapshot into properties and the canvas's snapshot. */
    private void refresh() {
        VoiceEngine e = engine;
        if (e == null) {
            return;
        }
        var s = e.snapshot();
        boolean noMic = s.input() == null || s.input().isNone();
        boolean noSpeaker = s.output() == null || s.output().isNone();
        muted.set(s.muted());
        deafened.set(s.deafened());
        hasMicrophone.set(!noMic);
        transmitting.set(s.transmitting());
        micLevel.set(noMic ? 0 : VoiceView.meter(s.micLevel()));
        setIfChanged(inputDevice, s.input());
        setIfChanged(outputDevice, s.output());
        problem.set(VoiceView.deviceProblem(noMic, noSpeaker));
        // A link's saved volume is given to the engine once, when the link first shows.
        Set<String> linked = new HashSet<>();
        for (LinkState l : s.links()) {
            linked.add(l.peerId());
            if (volumesApplied.add(l.peerId())) {
                e.setVolume(l.peerId(), settings.volume(l.peerId()));
            }
        }
        volumesApplied.retainAll(linked);
        VoiceView view = VoiceView.of(s, flags.flags(), link.snapshot(), settings::volume, joinRadius());
        if (!view.peers().equals(peers)) {
            peers.setAll(view.peers());
        }
        if (!view.hearMe().equals(hearMe)) {
            hearMe.setAll(view.hearMe());
        }
        World world = link.snapshot();
        Predicate<String> inMyRoom = inMyRoom(world);
        video.refresh(s, world, videoPeers(s, inMyRoom), inMyRoom);
        snapshot = view.canvas().withBubbles(video.layout().bubbles());
    }

    private static KeyCode keyCode(String name) {
        try {
            return KeyCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return KeyCode.valueOf(Settings.DEFAULT_TALK_KEY);
        }
    }

    private void withEngine(java.util.function.Consumer<VoiceEngine> action) {
        VoiceEngine e = engine;
        if (e != null) {
            action.accept(e);
        }
    }

    private void tell(String headline, String text, boolean error) {
        notice.set(new VoiceNotice(headline, text, error, ++notices));
    }

    /** The circle drawn around me: the space's join radius, once its voice settings are loaded. */
    private double joinRadius() {
        SessionVoice v = voice;
        var loaded = v == null ? null : v.settings();
        return loaded == null || loaded.joinRadius() == null ? 0 : loaded.joinRadius();
    }

    /** Whether someone stands in the meeting room I stand in (by the map, not by why our link was made). */
    private Predicate<String> inMyRoom(World world) {
        Person me = world.self();
        String room = me == null ? null : link.etiquette().meetingRoomAt(me.x(), me.y()).orElse(null);
        if (room == null) {
            return id -> false;
        }
        return id -> {
            Person p = world.person(id);
            return p != null && link.etiquette().meetingRoomAt(p.x(), p.y()).map(room::equals).orElse(false);
        };
    }

    /**
     * The space's {@code videoPeers} setting, once its voice settings are loaded, else null. They
     * are loaded at each join, and the server does not announce an owner's change: while a room's
     * cameras that are on all stay away from me, they are loaded again, at most every 5 s.
     */
    private Integer videoPeers(VoiceSnapshot s, Predicate<String> inMyRoom) {
        SessionVoice v = voice;
        var loaded = v == null ? null : v.settings();
        long now = System.currentTimeMillis();
        if (v != null && now - settingsReloaded > 5_000 && s.links().stream().anyMatch(l -> inMyRoom.test(l.peerId())
                && l.video().camera()) && s.links().stream().noneMatch(l -> l.video().receive())) {
            settingsReloaded = now;
            v.reloadSettings();
        }
        return loaded == null ? null : loaded.videoPeers();
    }

    /** Engine events, on its control thread: a notice (with the engine's chime) when someone comes into range. */
    private final class Events implements VoiceListener {
        @Override
        public void enteredHearingRange(String peerId) {
            String who = VoiceView.name(link.snapshot(), peerId);
            fx.execute(() -> {
                if (!closed) {
                    tell("In a call", who + " and you can hear each other now.", false);
                }
            });
        }
    }
}
