package io.skyscope.desktop;

import atlantafx.base.theme.Styles;
import io.skyscope.client.Session;
import io.skyscope.client.InviteLink;
import io.skyscope.client.Tokens;
import io.skyscope.desktop.chat.ChatModel;
import io.skyscope.desktop.office.OfficeAssets;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.office.OfficeView;
import io.skyscope.desktop.render.MapRaster;
import io.skyscope.desktop.render.OfficeRenderer;
import io.skyscope.desktop.render.SpriteCache;
import io.skyscope.desktop.session.SpaceRole;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.desktop.signin.SignInModel;
import io.skyscope.desktop.signin.SignInView;
import io.skyscope.desktop.spaces.SpacePickerModel;
import io.skyscope.desktop.spaces.SpacePickerView;
import io.skyscope.desktop.ui.Appearance;
import io.skyscope.desktop.ui.Dialogs;
import io.skyscope.desktop.ui.Problems;
import io.skyscope.desktop.voice.VoiceModel;
import io.skyscope.protocol.rest.SpaceView;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop client's composition root: settings → appearance → screens, built with {@code new}.
 * Navigates sign-in → space picker → office and owns what a space holds open (the connection, the
 * chat and voice models), closing it in reverse order when the space is left or the app stops.
 *
 * <p>Threads: FX thread, except the background executor (virtual threads) for blocking REST calls.
 */
public final class DesktopApp {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    /** A person waits for a slow server longer than a bot does, and is knocked again less often. */
    private static final Session.Options LINK = new Session.Options(Duration.ofSeconds(15), Duration.ofMillis(500),
            Duration.ofSeconds(15));

    private final Stage stage;
    private final Settings settings;
    private final Features features;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Executor fx = Platform::runLater;
    private final Deque<AutoCloseable> spaceResources = new ArrayDeque<>();
    private final Consumer<URI> browser;
    private Appearance appearance;
    private Scene scene;
    private SignInModel signIn;
    private SpacePickerModel picker;
    private OfficeModel office;
    private OfficeView officeView;
    /** The link the app was opened with, until it is used. */
    private InviteLink launchLink;

    /**
     * An app whose single sign-on cannot open a browser by itself: it says to open the page by hand.
     * The application passes the system browser (HostServices) with the four-argument constructor.
     */
    public DesktopApp(Stage stage, Settings settings, Features features) {
        this(stage, settings, features, uri -> {
            throw new IllegalStateException("No browser to open: open " + uri + " in yours");
        });
    }

    /** @param browser opens a web page in the system browser; called on a background thread */
    public DesktopApp(Stage stage, Settings settings, Features features, Consumer<URI> browser) {
        this.stage = stage;
        this.settings = settings;
        this.features = features;
        this.browser = browser;
    }

    /**
     * Shows the window with the sign-in screen, resuming the saved session if there is one, with a
     * {@code skyscope://} link the app was opened with (or null): an invite is accepted once signed
     * in, a guest link waits on the sign-in screen (no saved session is resumed then).
     */
    public void start(InviteLink openedWith) {
        launchLink = openedWith;
        start();
    }

    /** Shows the window with the sign-in screen, resuming the saved session if there is one. */
    public void start() {
        appearance = new Appearance(settings);
        scene = new Scene(new VBox(), 1280, 800);
        scene.getStylesheets().add(Appearance.APP_CSS);
        stage.setTitle("SkyScope");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        showSignIn();
        stage.show();
        if (signIn.canResume() && (launchLink == null || launchLink.kind() == InviteLink.Kind.INVITE)) {
            signIn.resume();
        }
    }

    public Scene scene() {
        return scene;
    }

    public SignInModel signIn() {
        return signIn;
    }

    public SpacePickerModel picker() {
        return picker;
    }

    /** The office shown now, or null. */
    public OfficeModel office() {
        return office;
    }

    public OfficeView officeView() {
        return officeView;
    }

    public Appearance appearance() {
        return appearance;
    }

    public void showSignIn() {
        closeSpace();
        picker = null;
        signIn = new SignInModel(settings, background, fx, this::showSpaces, browser);
        signIn.onGuestJoined(this::enterAsGuest);
        if (launchLink != null) {
            signIn.useLink(launchLink);
        }
        show(new SignInView(signIn));
    }

    public void showSpaces(Tokens session) {
        closeSpace();
        picker = new SpacePickerModel(session, settings, background, fx, space -> enter(session, space), this::showSignIn);
        show(new SpacePickerView(picker));
        // An invite the app was opened with is accepted once signed in (a guest link is the sign-in screen's).
        if (launchLink != null && launchLink.kind() == InviteLink.Kind.INVITE) {
            String code = launchLink.code();
            launchLink = null;
            picker.joinInvite(code);
        }
    }

    /**
     * A guest enters the one space their link is for. The link stays on the sign-in screen while
     * it lasts, so Leave comes back to "Join … as a guest" rather than to a space picker.
     */
    private void enterAsGuest(Tokens session, SpaceView space) {
        launchLink = InviteLink.parse(signIn.guestLinkProperty().get());
        enter(session, space);
    }

    /** Where a member goes from a space (leaving it, or failing to enter): the space picker; a guest, sign-in. */
    private void back(Tokens session, SpaceView space) {
        if (SpaceRole.isGuest(space)) {
            showSignIn();
        } else {
            showSpaces(session);
        }
    }

    /**
     * A guest's connection closed for good while they were in the space (4003 when the link is
     * revoked, 4004 and a refused refresh when it expires): back to sign-in, saying so.
     */
    private void guestVisitEnded(OfficeModel visit, SpaceView space) {
        if (office != visit) {
            return; // they left, or the app closed the space itself
        }
        LOG.info("guest visit to space {} ended: {}", space.id(), visit.linkStateProperty().get().reason());
        launchLink = null;
        showSignIn();
        signIn.tell("Your guest visit to " + space.name() + " has ended: the guest link was revoked or has "
                + "expired. Ask whoever sent it for a new one.");
    }

    /** Downloads the space's map, connects, and shows the office. */
    public void enter(Tokens session, SpaceView space) {
        closeSpace();
        show(loading("Entering " + space.name() + "…"));
        if (!SpaceRole.isGuest(space)) {
            settings.lastSpace(space.id()); // a guest's space is not where a member's next start begins
        }
        background.execute(() -> {
            try {
                OfficeAssets assets = OfficeAssets.download(session, space.mapId(), space.mapVersion());
                fx.execute(() -> openOffice(session, space, assets));
            } catch (RuntimeException e) {
                LOG.warn("cannot open space {}: {}", space.id(), e.toString());
                String why = Problems.describe(e, session.api().base().toString());
                fx.execute(() -> {
                    back(session, space);
                    Dialogs.error(stage, "Could not enter " + space.name(), why
                            + "\n\nTry again; if the map keeps failing, ask the space's owner to check it.");
                });
            }
        });
    }

    /** Enters a space known by its id (Go to someone I follow), after reading it. */
    private void enter(Tokens session, String spaceId) {
        background.execute(() -> {
            try {
                SpaceView space = session.api().space(session.accessToken(), spaceId);
                fx.execute(() -> enter(session, space));
            } catch (RuntimeException e) {
                String why = Problems.describe(e, session.api().base().toString());
                fx.execute(() -> Dialogs.error(stage, "Could not go there", why));
            }
        });
    }

    private void openOffice(Tokens session, SpaceView space, OfficeAssets assets) {
        Session link = Session.create(session, space.id(), LINK);
        spaceResources.push(link);
        ChatModel chat = features.chat(link, background, fx);
        own(chat);
        VoiceModel voice = features.voice(link, settings, background, fx);
        own(voice);
        boolean guest = SpaceRole.isGuest(space);
        office = new OfficeModel(space.name(), assets.map(), link, chat, voice, settings, fx,
                () -> back(session, space), guest);
        if (guest) {
            OfficeModel visit = office;
            link.onLink(s -> {
                if (s.state() == Session.State.CLOSED) {
                    fx.execute(() -> guestVisitEnded(visit, space));
                }
            });
        }
        spaceResources.push(office.profiles());
        office.profiles().following().onEnterSpace(id -> enter(session, id));
        OfficeRenderer renderer = new OfficeRenderer(new MapRaster(assets.map(), assets.tilesetImages()),
                new SpriteCache());
        spaceResources.push(office.etiquette());
        spaceResources.push(office.desks());
        spaceResources.push(office.stage());
        officeView = new OfficeView(office, renderer, appearance);
        show(officeView);
        stage.setTitle(space.name() + " — SkyScope");
        link.start();
    }

    private void own(Object model) {
        if (model instanceof AutoCloseable closeable) {
            spaceResources.push(closeable);
        }
    }

    /** Closes what the current space holds open, newest first. */
    private void closeSpace() {
        while (!spaceResources.isEmpty()) {
            try {
                spaceResources.pop().close();
            } catch (Exception e) {
                LOG.warn("error while leaving a space", e);
            }
        }
        if (officeView != null) {
            officeView.canvas().stop();
        }
        office = null;
        officeView = null;
        stage.setTitle("SkyScope");
    }

    /** Leaves any space and stops background work; the window's owner calls it on exit. */
    public void stop() {
        closeSpace();
        background.shutdownNow();
    }

    private void show(Parent root) {
        scene.setRoot(root);
    }

    private static Parent loading(String text) {
        ProgressIndicator p = new ProgressIndicator();
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(12, p, l);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("screen-background");
        return box;
    }
}
