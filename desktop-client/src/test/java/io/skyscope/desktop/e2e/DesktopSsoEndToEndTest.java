package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.desktop.DesktopApp;
import io.skyscope.desktop.Features;
import io.skyscope.desktop.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * "Sign in with Corp" against a real server configured for a real OpenID Connect provider in this
 * JVM: the button appears because the server offers it, the app opens the provider's page (a
 * browser that follows the redirect stands in for the system one), client-core's loopback listener
 * takes the code, and the app moves on to the space picker as the person the provider named.
 */
class DesktopSsoEndToEndTest {
    private static final FxRobot robot = new FxRobot();
    private static SignInProvider provider;
    private static TestServer server;
    private static Settings settings;
    private static DesktopApp app;

    @BeforeAll
    static void start() throws Exception {
        provider = new SignInProvider();
        server = TestServer.start(c -> c.withOidc(provider.config()));
        settings = Screens.settingsFor(server);
        app = Screens.launch(settings, Features.standard(NoSoundCard::new, VoiceConfig.defaults()), provider.browser());
    }

    @AfterAll
    static void stop() throws Exception {
        Screens.shutDown(app, server, settings);
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void theCompanyButtonSignsInThroughTheBrowser() {
        Fx.until(TIMEOUT, "the single sign-on button", () -> robot.lookup("#sso-sign-in").tryQuery()
                .map(n -> n.isVisible()).orElse(false));
        assertThat(Fx.get(() -> robot.lookup("#sso-sign-in").queryButton().getText())).isEqualTo("Sign in with Corp");

        provider.nextSignIn("casey-subject", Map.of("preferred_username", "casey", "name", "Casey Corp",
                "email", "casey@corp.test", "email_verified", true));
        robot.clickOn("#sso-sign-in");
        Fx.until(TIMEOUT, "signed in: the space picker", () -> app.picker() != null);
        assertThat(settings.username()).isEqualTo("casey");
        assertThat(settings.refreshToken()).as("the session is kept").isPresent();
    }
}
