package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.office.OfficeModel;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.map.MapDesk;
import io.skyscope.protocol.rest.AuthResponse;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;

/**
 * Desks in the desktop app against a real server, with Bob as a second client from client-core:
 * "go to my desk" turned on in the profile's Settings puts me at my desk's seat when I enter the
 * space again; "My desk" walks me there; as the server's admin I assign a free desk to Bob from
 * its menu (a searchable list of members), his name shows on its plate, and I free it again; a
 * refused claim reads in plain words.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopDesksEndToEndTest {
    private static final String MY_DESK = "Desk A2";
    private static final String BOBS_DESK = "Desk A3";
    private static final FxRobot robot = new FxRobot();
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;
    private static AuthResponse dana;
    private static AuthResponse bobUser;
    private static Session bob;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        dana = server.register("dana", "Dana Desk"); // the server's first account: its admin
        bobUser = server.register("bob", "Bob Builder");
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, Features.standard(NoSoundCard::new, VoiceConfig.defaults()));
    }

    @AfterAll
    static void stop() throws Exception {
        Screens.shutDown(app, server, settings); // Bob's session closes with the server
    }

    @Test
    @Order(1)
    void withGoToMyDeskOnIEnterTheSpaceAtMyDesksSeat() {
        Screens.signInAndEnterTheOffice(robot, () -> app, dana);
        bob = server.session(bobUser);
        await().atMost(TIMEOUT).until(() -> bob.snapshot().map() != null && bob.desks().state().loaded());
        OfficeModel office = app.office();
        assertThat(robot.lookup("#my-desk").query().isVisible()).as("no desk, no My desk").isFalse();
        Fx.run(() -> office.desks().claim(MY_DESK));
        Fx.until(TIMEOUT, "my desk", () -> office.desks().mineProperty().get().equals(MY_DESK)
                && robot.lookup("#my-desk").query().isVisible());

        robot.clickOn("#edit-profile");
        MenuButton profileSettings = robot.lookup("#profile-settings").queryAs(MenuButton.class);
        CheckMenuItem goToDesk = (CheckMenuItem) profileSettings.getItems().stream()
                .filter(i -> "go-to-desk".equals(i.getId())).findFirst().orElseThrow();
        assertThat(goToDesk.isSelected()).isFalse();
        robot.clickOn(profileSettings);
        Screens.clickLabelled(robot, goToDesk.getText());
        Fx.until(TIMEOUT, "the setting on", () -> office.desks().goToDeskProperty().get() && goToDesk.isSelected());
        robot.clickOn("#profile-close");

        robot.clickOn("#leave-space");
        Fx.until(TIMEOUT, "the space picker", () -> app.office() == null
                && robot.lookup("#enter-" + TestServer.OFFICE).tryQuery().isPresent());
        robot.clickOn("#enter-" + TestServer.OFFICE);
        Fx.until(TIMEOUT, "online in the office again", () -> app.office() != null
                && app.office().linkStateProperty().get().isOnline() && app.office().simulation().myPosition() != null);
        MapDesk desk = bob.desks().onMap(MY_DESK).orElseThrow();
        OfficeModel again = app.office();
        Fx.until(TIMEOUT, "at my desk's seat", () -> distance(again.simulation().myPosition(), desk) < 1);
        Fx.until(TIMEOUT, "the setting read back from the server", () -> again.desks().goToDeskProperty().get()
                && again.desks().mineProperty().get().equals(MY_DESK));
        await().atMost(TIMEOUT).until(() -> {
            var me = bob.snapshot().person(dana.userId());
            return me != null && Math.hypot(me.x() - desk.seat().x(), me.y() - desk.seat().y()) < 1;
        });
    }

    @Test
    @Order(2)
    void myDeskWalksMeThere() {
        OfficeModel office = app.office();
        MapDesk away = bob.desks().onMap("Desk C1").orElseThrow();
        assertThat(Fx.get(() -> office.walkTo(away.seat().x(), away.seat().y()))).isTrue();
        Fx.until(TIMEOUT.multipliedBy(3), "away from my desk", () -> distance(office.simulation().myPosition(), away) < 1
                && !office.simulation().walker().walking());

        robot.clickOn("#my-desk");
        MapDesk desk = bob.desks().onMap(MY_DESK).orElseThrow();
        Fx.until(TIMEOUT.multipliedBy(3), "back at my desk", () -> distance(office.simulation().myPosition(), desk) < 1
                && !office.simulation().walker().walking());
    }

    @Test
    @Order(3)
    void myDesksMenuShowsTheSettingCheckedAndTurnsItOff() {
        OfficeModel office = app.office();
        rightClick(MY_DESK);
        Fx.until(TIMEOUT, "my desk's menu", () -> menuItem("go-to-desk-item") != null);
        assertThat(Fx.get(() -> menuItem("go-to-desk-item").isSelected())).isTrue();
        Screens.clickLabelled(robot, "Go to my desk when I enter a space");
        Fx.until(TIMEOUT, "the setting off, in the profile's Settings too", () -> !office.desks().goToDeskProperty()
                .get() && !((CheckMenuItem) robot.lookup("#profile-settings").queryAs(MenuButton.class).getItems()
                .getFirst()).isSelected());
    }

    /** The item with this id of a context menu on screen, or null. */
    private static CheckMenuItem menuItem(String id) {
        return robot.listWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
                .flatMap(w -> ((ContextMenu) w).getItems().stream()).filter(i -> id.equals(i.getId()))
                .map(i -> (CheckMenuItem) i).findFirst().orElse(null);
    }

    @Test
    @Order(4)
    void asTheAdminIAssignAFreeDeskToBobFromItsMenuAndFreeItAgain() {
        OfficeModel office = app.office();
        rightClick(BOBS_DESK);
        Screens.clickLabelled(robot, "Assign " + BOBS_DESK + " to…");
        robot.clickOn("#assign-search").write("bob");
        @SuppressWarnings("unchecked")
        ListView<Object> list = robot.lookup("#assign-list").queryAs(ListView.class);
        Fx.until(TIMEOUT, "Bob found and chosen", () -> list.getItems().size() == 1
                && list.getSelectionModel().getSelectedItem() != null
                && list.getSelectionModel().getSelectedItem().toString().contains("Bob Builder"));
        robot.clickOn("#assign-ok");
        await().atMost(TIMEOUT).until(() -> BOBS_DESK.equals(bob.desks().state().mine()));
        Fx.until(TIMEOUT, "Bob's plate", () -> office.lastFrame().life().plates().stream()
                .anyMatch(p -> p.desk().equals(BOBS_DESK) && p.holderName().equals("Bob Builder") && !p.mine()));

        rightClick(BOBS_DESK);
        Screens.clickLabelled(robot, "Free " + BOBS_DESK + " (Bob Builder's desk)");
        await().atMost(TIMEOUT).until(() -> bob.desks().state().loaded() && bob.desks().state().mine() == null);
        Fx.until(TIMEOUT, "the plate gone", () -> office.lastFrame().life().plates().stream()
                .noneMatch(p -> p.desk().equals(BOBS_DESK)));
    }

    @Test
    @Order(5)
    void aRefusedClaimReadsInPlainWords() {
        OfficeModel office = app.office();
        Fx.run(() -> office.desks().claim("Desk A5"));
        Fx.until(TIMEOUT, "the refusal", () -> office.noticeProperty().get()
                .equals("You already have a desk here; free it before taking another."));
    }

    private static void rightClick(String desk) {
        Screens.rightClickDesk(robot, app, bob.desks().onMap(desk).orElseThrow());
    }

    private static double distance(double[] at, MapDesk desk) {
        return at == null ? Double.MAX_VALUE : Math.hypot(at[0] - desk.seat().x(), at[1] - desk.seat().y());
    }
}
