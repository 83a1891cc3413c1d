package io.skyscope.desktop.office;

import io.skyscope.client.GridTerrain;
import io.skyscope.client.LinkStatus;
import io.skyscope.client.Session;
import io.skyscope.client.World;
import io.skyscope.desktop.chat.ChatChannel;
import io.skyscope.desktop.chat.ChatModel;
import io.skyscope.desktop.desks.DeskModel;
import io.skyscope.desktop.etiquette.EtiquetteModel;
import io.skyscope.desktop.etiquette.LockAwareTerrain;
import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.desktop.people.PeopleModel;
import io.skyscope.desktop.render.AvatarPainter;
import io.skyscope.desktop.render.RenderFrame;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.stage.StageModel;
import io.skyscope.desktop.voice.CanvasVoiceSnapshot;
import io.skyscope.desktop.voice.VoiceModel;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The screen model of the office: the connection banner, the people list, my status (with away
 * when idle), zoom, locate/follow/message, and the simulation the canvas draws.
 *
 * <p>Threads: properties and commands on the FX thread. Network events arrive on the link's threads
 * and are handed to the FX thread through the {@code fx} executor.
 */
public final class OfficeModel {
    private static final double PEOPLE_REFRESH_SECONDS = 0.25;
    private static final double ZOOM_STEP = 1.25;

    private final String spaceName;
    private final Session link;
    private final ChatModel chat;
    private final VoiceModel voice;
    private final Settings settings;
    private final OfficeSimulation simulation;
    private final EtiquetteModel etiquette;
    private final DeskModel desks;
    private final StageModel stage;
    private final Runnable onLeave;
    private final boolean guest;
    private final ReadOnlyObjectWrapper<LinkStatus> linkState = new ReadOnlyObjectWrapper<>(LinkStatus.CONNECTING);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyBooleanWrapper bannerVisible = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<Status> myStatus = new ReadOnlyObjectWrapper<>(Status.AVAILABLE);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private final ReadOnlyStringWrapper currentArea = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper following = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ObservableList<PersonRow> people = FXCollections.observableArrayList();
    private final ObservableList<PersonRow> peopleView = FXCollections.unmodifiableObservableList(people);
    private final IdleWatch idle;
    private final PeopleModel peopleModel;
    private double sincePeople = PEOPLE_REFRESH_SECONDS;
    private RenderFrame lastFrame;

    public OfficeModel(String spaceName, OfficeMap map, Session link, ChatModel chat, VoiceModel voice,
                       Settings settings, Executor fx, Runnable onLeave) {
        this(spaceName, map, link, chat, voice, settings, fx, onLeave, false);
    }

    /** @param guest whether I am a guest here ({@link io.skyscope.desktop.session.SpaceRole}) */
    public OfficeModel(String spaceName, OfficeMap map, Session link, ChatModel chat, VoiceModel voice,
                       Settings settings, Executor fx, Runnable onLeave, boolean guest) {
        this.guest = guest;
        this.spaceName = spaceName;
        this.link = link;
        this.chat = chat;
        this.voice = voice;
        this.settings = settings;
        this.onLeave = onLeave;
        LockAwareTerrain terrain = new LockAwareTerrain(link, new GridTerrain(map.collision()));
        this.simulation = new OfficeSimulation(map, link, voice::snapshot, terrain);
        this.etiquette = new EtiquetteModel(link, map, terrain, voice::ring, fx, simulation::myPosition,
                (x, y) -> walkTo(x, y));
        this.desks = new DeskModel(link, fx, (x, y) -> walkTo(x, y));
        simulation.plates(desks::plates);
        this.stage = new StageModel(link, map.map(), fx, simulation::myPosition, () -> voice.snapshot().speaking(),
                desks.managerProperty());
        forward(etiquette.noticeProperty(), etiquette::clearNotice);
        forward(desks.noticeProperty(), desks::clearNotice);
        forward(stage.noticeProperty(), stage::clearNotice);
        this.idle = new IdleWatch(this::idleChanged);
        this.peopleModel = new PeopleModel(link, fx, this::message, this::locate, this::walkTo);
        peopleModel.following().alertProperty().addListener((obs, was, text) -> notice.set(text));
        simulation.zoom(settings.zoom());
        simulation.dark(settings.dark());
        zoom.set(simulation.zoom());
        link.onLink(s -> fx.execute(() -> linkChanged(s)));
        link.onMessage(m -> {
            if (m instanceof ServerMessage.Error e && e.ref() != null && !e.ref().startsWith("join")) {
                fx.execute(() -> {
                    if (!desks.explains(e.ref()) && !StageModel.explains(e.ref())) { // they word their own
                        notice.set(e.message());
                    }
                });
            } else if (m instanceof ServerMessage.MapChanged) {
                fx.execute(() -> notice.set("The office map was changed. Leave and enter the space again to see it."));
            }
        });
        voice.noticeProperty().addListener((obs, was, n) -> {
            if (n != null && !n.error()) {
                notice.set(n.text());
            }
        });
        chat.lastMentionProperty().addListener((obs, was, line) -> {
            if (line != null && !line.mine()) {
                notice.set(line.authorName() + " mentioned you: " + abbreviate(line.text()));
            }
        });
        linkChanged(link.link());
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 80 ? text.substring(0, 77) + "…" : text;
    }

    /** Whether I am a guest here: the views leave out what the server refuses guests. */
    public boolean guest() {
        return guest;
    }

    public String spaceName() {
        return spaceName;
    }

    public ChatModel chat() {
        return chat;
    }

    public VoiceModel voice() {
        return voice;
    }

    /** Photos, the profile card and my profile editor; the app closes it with the space. */
    public PeopleModel profiles() {
        return peopleModel;
    }

    /** Shows another model's notices as mine; each is cleared there so the same one shows again. */
    private void forward(ReadOnlyStringProperty source, Runnable clear) {
        source.addListener((obs, was, is) -> {
            if (!is.isEmpty()) {
                notice.set(is);
                clear.run();
            }
        });
    }

    /** Desks: mine, the notes on it, claiming and freeing, the name plates. */
    public DeskModel desks() {
        return desks;
    }

    /** Stages (speakers, listeners, raised hands, the floor) and the megaphone. */
    public StageModel stage() {
        return stage;
    }

    /** Locks, knocks, waves, reactions and the room's notes. */
    public EtiquetteModel etiquette() {
        return etiquette;
    }

    public OfficeSimulation simulation() {
        return simulation;
    }

    public Session link() {
        return link;
    }

    public ReadOnlyObjectProperty<LinkStatus> linkStateProperty() {
        return linkState.getReadOnlyProperty();
    }

    /** What the connection banner says; empty while online. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bannerVisibleProperty() {
        return bannerVisible.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> myStatusProperty() {
        return myStatus.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** The named area I stand in ("Boardroom · Meeting room"), or empty. */
    public ReadOnlyStringProperty currentAreaProperty() {
        return currentArea.getReadOnlyProperty();
    }

    /** The user id I am following, or null. */
    public ReadOnlyStringProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    /** The latest thing the user should know (a refused request, a mention); empty for none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ObservableList<PersonRow> people() {
        return peopleView;
    }

    /** The frame last produced by {@link #advance}, for tests and screenshots. */
    public RenderFrame lastFrame() {
        return lastFrame;
    }

    public World world() {
        return link.snapshot();
    }

    // ---- commands ----

    public void setStatus(Status status) {
        idle.manualStatus(status);
        applyStatus(status);
    }

    public void zoomIn() {
        setZoom(simulation.zoom() * ZOOM_STEP);
    }

    public void zoomOut() {
        setZoom(simulation.zoom() / ZOOM_STEP);
    }

    public void setZoom(double value) {
        simulation.zoom(value);
        zoom.set(simulation.zoom());
        settings.zoom(simulation.zoom());
    }

    public void dark(boolean value) {
        simulation.dark(value);
    }

    /** Held movement keys; pressing one stops following and any click path. */
    public void keys(int dx, int dy) {
        if ((dx != 0 || dy != 0) && simulation.following() != null) {
            stopFollowing();
        }
        simulation.walker().keys(dx, dy);
        activity();
    }

    /**
     * Whom the last frame drew at a map point (their sprite or the name tag over it), front-most
     * first; null for nobody.
     */
    public String personAt(double mapX, double mapY) {
        if (lastFrame == null) {
            return null;
        }
        String found = null;
        double foundY = Double.NEGATIVE_INFINITY;
        for (var a : lastFrame.avatars()) {
            boolean over = Math.abs(mapX - a.x()) <= AvatarPainter.WIDTH / 2.0
                    && mapY <= a.y() + 4 && mapY >= a.y() - AvatarPainter.HEIGHT - 18;
            if (over && a.y() > foundY) {
                found = a.userId();
                foundY = a.y();
            }
        }
        return found;
    }

    /** Walks to a map point around walls; false if there is no way there. */
    public boolean walkTo(double mapX, double mapY) {
        activity();
        if (simulation.following() != null) {
            stopFollowing();
        }
        String locked = etiquette.closedRoomAt(mapX, mapY);
        if (locked != null) {
            etiquette.refusedEntry(locked);
        }
        boolean found = simulation.walker().walkTo(mapX, mapY);
        if (!found && locked == null) {
            notice.set("There is no way to that spot.");
        }
        return found;
    }

    public void locate(String userId) {
        simulation.locate(userId);
    }

    public void follow(String userId) {
        simulation.follow(userId);
        following.set(userId);
    }

    public void stopFollowing() {
        simulation.stopFollowing();
        following.set(null);
    }

    /** Opens a direct conversation with someone in the chat panel. */
    public ChatChannel message(String userId) {
        Person p = link.snapshot().person(userId);
        return chat.openDirect(userId, p == null ? userId : p.displayName());
    }

    /** The user did something (key, mouse); comes back from automatic away. */
    public void activity() {
        idle.activity(System.nanoTime());
    }

    public void clearNotice() {
        notice.set("");
    }

    /** Drops and re-opens the connection at once. */
    public void reconnectNow() {
        link.dropConnection();
    }

    public void leave() {
        link.close();
        onLeave.run();
    }

    /** Advances the office by {@code dt} seconds; called by the render loop (and by tests). */
    public RenderFrame advance(double dt) {
        lastFrame = simulation.advance(dt);
        sincePeople += dt;
        if (sincePeople >= PEOPLE_REFRESH_SECONDS) {
            sincePeople = 0;
            refreshPeople();
            World w = link.snapshot();
            if (w.rules() != null) {
                idle.check(System.nanoTime(), w.rules().idleAwaySeconds());
            }
        }
        return lastFrame;
    }

    private void refreshPeople() {
        World w = link.snapshot();
        OfficeMap map = simulation.map();
        List<PersonRow> rows = new ArrayList<>(w.people().size());
        CanvasVoiceSnapshot v = voice.snapshot();
        for (Person p : w.people().values()) {
            String area = map.areaAt(p.x(), p.y()).map(Area::name).orElse("");
            rows.add(new PersonRow(p.userId(), p.displayName(), p.status(), p.statusText(), area,
                    p.userId().equals(w.me()), v.camera().contains(p.userId()), v.sharing().contains(p.userId())));
        }
        rows.sort(Comparator.comparing(PersonRow::me).reversed()
                .thenComparing(r -> r.name() == null ? "" : r.name().toLowerCase(java.util.Locale.ROOT)));
        if (!rows.equals(people)) {
            people.setAll(rows);
        }
        Person self = w.self();
        if (self != null && self.status() != null && self.status() != myStatus.get()) {
            myStatus.set(self.status());
        }
        double[] me = simulation.myPosition();
        String area = me == null ? "" : map.areaAt(me[0], me[1])
                .map(a -> a.name().isBlank() ? a.kind().label() : a.name() + " · " + a.kind().label()).orElse("");
        currentArea.set(area);
        etiquette.refresh();
        desks.refresh();
        stage.refresh();
        if (simulation.following() == null && following.get() != null) {
            following.set(null);
        }
    }

    private void applyStatus(Status status) {
        myStatus.set(status);
        link.setStatus(status, null);
    }

    private void idleChanged(Status status) {
        applyStatus(status);
    }

    private void linkChanged(LinkStatus s) {
        linkState.set(s);
        switch (s.state()) {
            case ONLINE -> {
                banner.set("");
                bannerVisible.set(false);
            }
            case CONNECTING -> {
                banner.set("Connecting to " + spaceName + "…");
                bannerVisible.set(true);
            }
            case RECONNECTING -> {
                banner.set("Connection lost (" + s.reason() + "). Reconnecting in "
                        + Math.max(1, Math.round(s.retryIn().toMillis() / 1000.0)) + " s — nothing you type is lost.");
                bannerVisible.set(true);
            }
            case CLOSED -> {
                banner.set(s.reason() == null ? "Disconnected." : s.reason());
                bannerVisible.set(true);
            }
        }
    }
}
