package io.skyscope.desktop.stage;

import io.skyscope.client.Session;
import io.skyscope.client.World;
import io.skyscope.map.AreaKind;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The screen model of stages and the megaphone: the stage I stand on or listen to (from the map's
 * stage and audience areas and where I stand, as the server judges it), its speakers (the people
 * given the floor, {@code stage.speaker}, who stand on it or in its audience) with who is speaking,
 * how many listen, my raised hand ({@code stage.hand}); for the space's owner and admins the
 * floor requests ({@code stage.hands} once after each join, then each {@code stage.hand}), first
 * raised first, to give the floor or take it back; and who holds the megaphone ({@code megaphone}).
 * The server's refusals become notices in plain words.
 *
 * <p>Threads: properties and commands on the FX thread. Messages arrive on the session's receive
 * thread and link changes on the session's threads; both are handed to the FX thread through
 * {@code fx}, in the order they came.
 */
public final class StageModel implements AutoCloseable {
    /** Someone with the floor on my stage, and whether they are speaking now (voice.state or their audio). */
    public record Speaker(String userId, String name, boolean speaking) {
    }

    /** A raised hand: {@code userId} asks for the floor of {@code stage}. */
    public record Hand(String userId, String name, String stage) {
    }

    private final Session link;
    private final TiledMap map;
    private final Supplier<double[]> position;
    private final Supplier<Set<String>> speaking;
    private final ReadOnlyBooleanProperty manager;
    private final ReadOnlyStringWrapper stage = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper listeners = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper handUp = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper haveFloor = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper megaphone = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper megaphoneMine = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ObservableList<Speaker> speakers = FXCollections.observableArrayList();
    private final ObservableList<Speaker> speakersView = FXCollections.unmodifiableObservableList(speakers);
    private final ObservableList<Hand> hands = FXCollections.observableArrayList();
    private final ObservableList<Hand> handsView = FXCollections.unmodifiableObservableList(hands);
    /** Who holds the floor on this space's stages (the server's stage.speaker, replayed after each welcome). */
    private final Set<String> floor = new HashSet<>();
    /** Hands raised now, user id to stage, first raised first; filled for owners and admins. */
    private final Map<String, String> raised = new LinkedHashMap<>();
    private final Consumer<ServerMessage> messages;
    private final Consumer<Session.State> states;
    private String megaphoneHolder;
    private boolean closed;

    /**
     * @param position where my avatar is shown (null before the server placed me)
     * @param speaking who is speaking now, from the voice engine; any thread
     * @param manager  whether I own or administer the space (may turn true once my role is read)
     */
    public StageModel(Session link, TiledMap map, Executor fx, Supplier<double[]> position,
                      Supplier<Set<String>> speaking, ReadOnlyBooleanProperty manager) {
        this.link = link;
        this.map = map;
        this.position = position;
        this.speaking = speaking;
        this.manager = manager;
        this.messages = m -> {
            if (m instanceof ServerMessage.Welcome || m instanceof ServerMessage.StageSpeaker
                    || m instanceof ServerMessage.StageHand || m instanceof ServerMessage.StageHands
                    || m instanceof ServerMessage.Megaphone
                    || m instanceof ServerMessage.Error e && StageErrors.Kind.of(e.ref()) != null) {
                fx.execute(() -> received(m));
            }
        };
        link.onMessage(messages);
        this.states = s -> {
            if (s == Session.State.ONLINE) {
                fx.execute(this::watchHands);
            }
        };
        link.onState(states);
        manager.addListener((obs, was, is) -> watchHands());
    }

    /** The stage I stand on or listen to, or empty. */
    public ReadOnlyStringProperty stageProperty() {
        return stage.getReadOnlyProperty();
    }

    /** How many listen to my stage: everyone on it or in its audience areas without the floor. */
    public ReadOnlyIntegerProperty listenersProperty() {
        return listeners.getReadOnlyProperty();
    }

    /** My hand is up, as the server last said. */
    public ReadOnlyBooleanProperty handUpProperty() {
        return handUp.getReadOnlyProperty();
    }

    /** I hold the floor (the speaker role on this space's stages). */
    public ReadOnlyBooleanProperty haveFloorProperty() {
        return haveFloor.getReadOnlyProperty();
    }

    /** Whether I own or administer the space: I see the hands, give and take the floor, use the megaphone. */
    public ReadOnlyBooleanProperty managerProperty() {
        return manager;
    }

    /** The name of whoever speaks to everyone through the megaphone now, or empty. */
    public ReadOnlyStringProperty megaphoneProperty() {
        return megaphone.getReadOnlyProperty();
    }

    /** The megaphone is mine now. */
    public ReadOnlyBooleanProperty megaphoneMineProperty() {
        return megaphoneMine.getReadOnlyProperty();
    }

    /** The latest thing to tell the user (a refusal in plain words); empty for none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The speakers of my stage, by name. */
    public ObservableList<Speaker> speakers() {
        return speakersView;
    }

    /** The floor requests (owners and admins), first raised first. */
    public ObservableList<Hand> hands() {
        return handsView;
    }

    /** Whether a refusal with this ref is one of mine to word (so the office does not show it twice). */
    public static boolean explains(String ref) {
        return StageErrors.Kind.of(ref) != null;
    }

    public void clearNotice() {
        notice.set("");
    }

    // ---- commands ----

    /** Raises my hand, or lowers it if it is up. */
    public void toggleHand() {
        boolean up = !handUp.get();
        sent(new VoiceCommand.StageHand(up, link.nextRef(StageErrors.Kind.HAND.prefix())));
    }

    /** Gives {@code userId} the floor (owners and admins). */
    public void giveFloor(String userId) {
        sent(new VoiceCommand.StageSpeaker(userId, true, link.nextRef(StageErrors.Kind.FLOOR.prefix())));
    }

    /** Takes the floor back from {@code userId} (owners and admins). */
    public void takeFloor(String userId) {
        sent(new VoiceCommand.StageSpeaker(userId, false, link.nextRef(StageErrors.Kind.FLOOR.prefix())));
    }

    /** Starts speaking to everyone, or stops the megaphone while anyone holds it (owners and admins). */
    public void toggleMegaphone() {
        String ref = link.nextRef(StageErrors.Kind.MEGAPHONE.prefix());
        sent(megaphoneHolder == null ? new VoiceCommand.MegaphoneOn(ref) : new VoiceCommand.MegaphoneOff(ref));
    }

    /** Brings the stage, its speakers and listeners up to date; the office calls it a few times a second. */
    public void refresh() {
        World w = link.snapshot();
        double[] me = position.get();
        String mine = me == null ? "" : stageAt(me[0], me[1]).orElse("");
        if (!mine.equals(stage.get())) {
            stage.set(mine);
        }
        haveFloor.set(floor.contains(link.userId()));
        List<Speaker> on = new ArrayList<>();
        int listening = 0;
        if (!mine.isEmpty()) {
            Set<String> talking = speaking.get();
            for (Person p : w.people().values()) {
                if (!stageAt(p.x(), p.y()).filter(mine::equals).isPresent()) {
                    continue;
                }
                if (floor.contains(p.userId())) {
                    on.add(new Speaker(p.userId(), p.displayName(), talking.contains(p.userId())));
                } else {
                    listening++;
                }
            }
            on.sort(Comparator.comparing(Speaker::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Speaker::userId));
        }
        listeners.set(listening);
        if (!on.equals(speakers)) {
            speakers.setAll(on);
        }
        showHands();
        showMegaphone();
    }

    @Override
    public void close() {
        closed = true;
        link.removeListener(messages);
        link.removeStateListener(states);
    }

    // ---- events ----

    /**
     * The stage a point belongs to, as the server judges it: the area there (the smallest) is the
     * stage itself, or an audience area naming it.
     */
    private Optional<String> stageAt(double x, double y) {
        return map.areaAt(x, y).flatMap(a -> a.kind() == AreaKind.STAGE ? Optional.of(a.name())
                : a.kind() == AreaKind.AUDIENCE ? a.stageName() : Optional.<String>empty());
    }

    private void sent(VoiceCommand command) {
        if (!link.send(command)) {
            notice.set("You are offline; try again once the connection is back.");
        }
    }

    /** Owners and admins ask for the raised hands after every join: the changes come from then on. */
    private void watchHands() {
        if (!closed && manager.get() && link.link().isOnline()) {
            link.send(new VoiceCommand.StageHands(link.nextRef(StageErrors.Kind.HANDS.prefix())));
        }
    }

    private void received(ServerMessage m) {
        if (closed) {
            return;
        }
        switch (m) {
            case ServerMessage.Welcome w -> { // the server tells it all again after a join
                floor.clear();
                raised.clear();
                handUp.set(false);
                megaphoneHolder = null;
            }
            case ServerMessage.StageSpeaker s -> {
                if (s.speaker()) {
                    floor.add(s.userId());
                } else {
                    floor.remove(s.userId());
                }
            }
            case ServerMessage.StageHand h -> {
                if (h.userId().equals(link.userId())) {
                    handUp.set(h.raised());
                }
                if (!h.raised()) {
                    raised.remove(h.userId());
                } else if (manager.get()) {
                    raised.remove(h.userId()); // raised again in another audience: last in the queue
                    raised.put(h.userId(), h.stage());
                }
            }
            case ServerMessage.StageHands all -> {
                raised.clear();
                all.hands().forEach(h -> raised.put(h.userId(), h.stage()));
            }
            case ServerMessage.Megaphone mp -> {
                if (mp.on()) {
                    megaphoneHolder = mp.userId();
                } else if (mp.userId() == null || mp.userId().equals(megaphoneHolder)) {
                    megaphoneHolder = null;
                }
            }
            case ServerMessage.Error e -> notice.set(StageErrors.plain(StageErrors.Kind.of(e.ref()), e));
            default -> {
            }
        }
        refresh();
    }

    private void showHands() {
        List<Hand> now = new ArrayList<>(raised.size());
        raised.forEach((userId, on) -> now.add(new Hand(userId, name(userId), on)));
        if (!now.equals(hands)) {
            hands.setAll(now);
        }
    }

    private void showMegaphone() {
        String holder = megaphoneHolder;
        megaphoneMine.set(holder != null && holder.equals(link.userId()));
        megaphone.set(holder == null ? "" : name(holder));
    }

    private String name(String userId) {
        Person p = link.snapshot().person(userId);
        return p == null ? "Someone" : p.displayName();
    }
}
