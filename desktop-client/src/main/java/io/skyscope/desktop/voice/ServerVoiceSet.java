package io.skyscope.desktop.voice;

import io.skyscope.desktop.session.ReconnectingConnection;
import io.skyscope.desktop.session.Session;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.VoiceSettingsView;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice model of a server with proximity voice, for an app that has no audio engine yet: what
 * the server says is real and shown — my voice set (who is in earshot and why), who near me is
 * speaking or muted, the hearing range from the space's voice settings — and audio itself is
 * reported as not available. Because this app sends no sound, it tells the others my microphone is
 * muted after every join, so they see the muted icon instead of waiting to hear me.
 *
 * <p>Threads: server messages arrive on the connection's receive thread; they update an immutable
 * {@link VoiceSnapshot} (read by the render loop) at once and the FX properties through {@code fx}.
 */
public final class ServerVoiceSet implements VoiceModel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerVoiceSet.class);

    private final ReconnectingConnection link;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper(
            "No audio yet: this app does not send or play sound yet. In earshot shows who the server would connect you to.");
    private final ReadOnlyBooleanWrapper muted = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper deafened = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<String> input = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<String> output = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> none = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList());
    private final ObservableList<VoicePeer> peers = FXCollections.observableArrayList();
    private final ObservableList<VoicePeer> peersView = FXCollections.unmodifiableObservableList(peers);
    /** Guarded by this: voice set (user id → reason) and others' voice flags. */
    private final Map<String, String> voiceSet = new LinkedHashMap<>();
    private final Set<String> speaking = new HashSet<>();
    private final Set<String> mutedPeople = new HashSet<>();
    private volatile double hearingRadius;
    private volatile VoiceSnapshot snapshot = VoiceSnapshot.NONE;
    private volatile boolean closed;

    public ServerVoiceSet(Session session, ReconnectingConnection link, Executor background, Executor fx) {
        this.link = link;
        this.fx = fx;
        link.onMessage(this::received);
        background.execute(() -> {
            try {
                VoiceSettingsView settings = session.api().send("GET", "api/v1/spaces/" + link.spaceId()
                        + "/voice-settings", session.accessToken(), null, VoiceSettingsView.class);
                if (settings != null && settings.joinRadius() != null) {
                    hearingRadius = settings.joinRadius();
                    publish();
                }
            } catch (RuntimeException e) {
                LOG.info("no voice settings for space {}: {}", link.spaceId(), e.getMessage());
            }
        });
    }

    private void received(ServerMessage m) {
        if (closed) {
            return;
        }
        switch (m) {
            case ServerMessage.Welcome w -> {
                synchronized (this) {
                    voiceSet.clear(); // the server sends the voice set afresh after a join
                    speaking.clear();
                }
                link.send(new ClientMessage.VoiceCommand.VoiceState(true, false, null));
            }
            case ServerMessage.VoiceJoin j -> {
                synchronized (this) {
                    voiceSet.put(j.peerId(), j.reason());
                }
            }
            case ServerMessage.VoiceLeave l -> {
                synchronized (this) {
                    voiceSet.remove(l.peerId());
                    speaking.remove(l.peerId());
                }
            }
            case ServerMessage.VoiceState s -> {
                synchronized (this) {
                    if (s.speaking()) {
                        speaking.add(s.userId());
                    } else {
                        speaking.remove(s.userId());
                    }
                    if (s.muted()) {
                        mutedPeople.add(s.userId());
                    } else {
                        mutedPeople.remove(s.userId());
                    }
                }
            }
            case ServerMessage.PresenceUpdate p when !p.left().isEmpty() -> {
                synchronized (this) {
                    p.left().forEach(id -> {
                        speaking.remove(id);
                        mutedPeople.remove(id);
                    });
                }
            }
            default -> {
                return;
            }
        }
        publish();
    }

    private void publish() {
        Map<String, String> set;
        var world = link.world();
        synchronized (this) {
            Set<String> muted = new HashSet<>(mutedPeople);
            if (world.me() != null) {
                muted.add(world.me()); // no audio engine: my microphone is off, and my avatar says so
            }
            snapshot = new VoiceSnapshot(speaking, muted, hearingRadius);
            set = new LinkedHashMap<>(voiceSet);
        }
        var rows = set.entrySet().stream().map(e -> {
            Person p = world.person(e.getKey());
            String name = p == null ? "someone" : p.displayName();
            return new VoicePeer(e.getKey(), name, 1.0, snapshot.speaking().contains(e.getKey()),
                    snapshot.muted().contains(e.getKey()), "in earshot (" + e.getValue() + ")");
        }).toList();
        fx.execute(() -> {
            if (!rows.equals(peers)) {
                peers.setAll(rows);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty unavailableReasonProperty() {
        return reason.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty mutedProperty() {
        return muted.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty deafenedProperty() {
        return deafened.getReadOnlyProperty();
    }

    @Override
    public ObservableList<String> inputDevices() {
        return none;
    }

    @Override
    public ObservableList<String> outputDevices() {
        return none;
    }

    @Override
    public ReadOnlyObjectProperty<String> inputDeviceProperty() {
        return input.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<String> outputDeviceProperty() {
        return output.getReadOnlyProperty();
    }

    @Override
    public ObservableList<VoicePeer> peers() {
        return peersView;
    }

    /** Without an audio engine there is no microphone to unmute. */
    @Override
    public void setMuted(boolean value) {
    }

    @Override
    public void setDeafened(boolean value) {
    }

    @Override
    public void selectInput(String device) {
    }

    @Override
    public void selectOutput(String device) {
    }

    @Override
    public void setVolume(String userId, double volume) {
    }

    @Override
    public VoiceSnapshot snapshot() {
        return snapshot;
    }
}
