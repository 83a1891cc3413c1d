package io.skyscope.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

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
