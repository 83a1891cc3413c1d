package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.testing.SmtpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The link in a verification mail, over real HTTP and a real SMTP server in this JVM: opening it
 * shows a button and changes nothing (mail scanners open links), pressing the button verifies the
 * address once; a used, wrong or half-copied link gets a page that says so, and the code in the same
 * mail no longer works either.
 */
class EmailLinkEndToEndTest {
    private static final String PUBLIC_URL = "https://office.example.test";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/verify-email\\?token=\\S+)");

    @RegisterExtension
    @Order(1)
    static final SmtpServer SMTP = new SmtpServer();

    @RegisterExtension
    @Order(2)
    static final ServerExtension SERVER = new ServerExtension(c -> c.withMail(SMTP.config(600, 5, 1000))
            .withPublicUrl(PUBLIC_URL + "/"));

    @Test
    void theLinkInTheMailVerifiesTheAddressOnce() throws Exception {
        AuthResponse ada = SERVER.register("ada");
        String address = "ada." + ada.userId().substring(0, 8) + "@example.test";
        SERVER.api().addEmail(ada.accessToken(), address);
        String code = SMTP.awaitCode(address, 1, TIMEOUT);
        String path = link(address);

        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(SERVER.api().me(ada.accessToken()).email()).as("opening the link alone changes nothing").isNull();

        String token = URI.create("http://x" + path).getQuery().substring("token=".length());
        HttpResponse<String> confirmed = post(token);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("confirmed").contains(address);
        assertThat(SERVER.api().me(ada.accessToken()).email()).isEqualTo(address);

        HttpResponse<String> again = post(token);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This link does not work");
        Refusals.assertRefused(() -> SERVER.api().verifyEmail(ada.accessToken(), code), 400, "code_invalid");
    }

    @Test
    void aWrongOrIncompleteLinkIsRefusedAndThreeWrongOnesBurnTheRealOne() throws Exception {
        AuthResponse bo = SERVER.register("bo");
        String address = "bo." + bo.userId().substring(0, 8) + "@example.test";
        SERVER.api().addEmail(bo.accessToken(), address);
        SMTP.awaitCode(address, 1, TIMEOUT);
        String token = URI.create("http://x" + link(address)).getQuery().substring("token=".length());
        String wrong = token.substring(0, token.length() - 4) + (token.endsWith("0000") ? "1111" : "0000");

        assertThat(get("/verify-email").statusCode()).isEqualTo(400);
        assertThat(post("not-a-token").statusCode()).isEqualTo(400);
        for (int i = 0; i < 3; i++) {
            assertThat(post(wrong).statusCode()).isEqualTo(400);
        }
        assertThat(post(token).statusCode()).isEqualTo(400);
        assertThat(SERVER.api().me(bo.accessToken()).email()).isNull();
    }

    private static String link(String address) {
        await().atMost(TIMEOUT).until(() -> !SMTP.received(address).isEmpty());
        String body = GreenMailUtil.getBody(SMTP.received(address).getLast()).replace("=\r\n", "");
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as("a link in: %s", body).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve(path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String token) throws IOException, InterruptedException {
        return SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("verify-email"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token,
                                StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
