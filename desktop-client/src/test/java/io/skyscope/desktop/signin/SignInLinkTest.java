package io.skyscope.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.ApiError;
import io.skyscope.client.InviteLink;
import io.skyscope.desktop.DesktopMain;
import io.skyscope.desktop.settings.Settings;
import java.util.List;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A link the app was opened with lands in the sign-in model: an invite's code, or a guest link. */
class SignInLinkTest {
    private final Preferences prefs = Preferences.userRoot().node("io/skyscope/desktop-test/" + UUID.randomUUID());
    private final SignInModel model = new SignInModel(new Settings(prefs), Runnable::run, Runnable::run, t -> { },
            uri -> { });

    @AfterEach
    void forget() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void anInviteFillsInTheServerAndCodeAndRegisters() {
        model.useLink(InviteLink.parse("skyscope://invite/office.example.com/k3Jd9aQp2xLm7Vb4"));
        assertThat(model.serverProperty().get()).isEqualTo("https://office.example.com/");
        assertThat(model.inviteCodeProperty().get()).isEqualTo("k3Jd9aQp2xLm7Vb4");
        assertThat(model.registeringProperty().get()).isTrue();
        assertThat(model.guestLinkProperty().get()).isEmpty();
    }

    @Test
    void aGuestLinkWaitsForANameAndANameIsRequired() {
        model.useLink(InviteLink.parse("http://localhost:8080/guest/Qm8xT2vR9pLc4Hs1"));
        assertThat(model.serverProperty().get()).isEqualTo("http://localhost:8080/");
        assertThat(model.guestLinkProperty().get())
                .isEqualTo("skyscope://guest/localhost:8080/Qm8xT2vR9pLc4Hs1?scheme=http");
        model.displayNameProperty().set(" ");
        model.joinAsGuest();
        assertThat(model.errorProperty().get()).contains("name");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.guestPlaceProperty().get()).isEqualTo("localhost:8080");
    }

    @Test
    void aPastedLinkIsUsedAndOneThatIsNoLinkSaysWhy() {
        model.openLink("see you at office.example.com");
        assertThat(model.errorProperty().get()).startsWith("That is not an invite or guest link");
        assertThat(model.guestLinkProperty().get()).isEmpty();

        model.serverProperty().set("https://mine.example.org/");
        model.openLink(" https://office.example.com/guest/Qm8xT2vR9pLc4Hs1 ");
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.guestPlaceProperty().get()).isEqualTo("office.example.com");
        assertThat(model.serverProperty().get()).isEqualTo("https://office.example.com/");
        model.leaveGuestLink();
        assertThat(model.guestLinkProperty().get()).isEmpty();
        assertThat(model.serverProperty().get()).as("back to my own server").isEqualTo("https://mine.example.org/");

        model.openLink("skyscope://invite/office.example.com/k3Jd9aQp2xLm7Vb4");
        assertThat(model.inviteCodeProperty().get()).isEqualTo("k3Jd9aQp2xLm7Vb4");
        assertThat(model.registeringProperty().get()).isTrue();
    }

    @Test
    void whyAGuestLinkWasRefusedIsSaidInPlainWords() {
        String server = "https://office.example.com/";
        assertThat(SignInModel.guestProblem(new ApiError(404, "not_found", "no such link", null), server))
                .isEqualTo("This guest link has expired or was revoked. Ask whoever sent it for a new one.");
        assertThat(SignInModel.guestProblem(new ApiError(409, "guest_link_full", "full", null),
                server)).startsWith("This guest link has let in as many guests as it may");
        assertThat(SignInModel.guestProblem(new ApiError(429, "rate_limited", "slow down", null),
                server)).startsWith("Too many guests joined by this link");
        assertThat(SignInModel.guestProblem(new ApiError(400, "bad_request",
                "Display name is longer than 40 characters", "displayName"), server))
                .isEqualTo("That name cannot be used: Display name is longer than 40 characters");
    }

    @Test
    void theAppFindsTheLinkAmongItsArguments() {
        assertThat(DesktopMain.launchLink(List.of("--verbose",
                "skyscope://guest/office.example.com/Qm8xT2vR9pLc4Hs1"))).isEqualTo(
                InviteLink.parse("https://office.example.com/guest/Qm8xT2vR9pLc4Hs1"));
        assertThat(DesktopMain.launchLink(List.of("skyscope://invite/nohost"))).isNull();
        assertThat(DesktopMain.launchLink(List.of())).isNull();
    }
}
