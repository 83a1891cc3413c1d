package io.skyscope.server.testing;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.skyscope.server.config.MailConfig;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SMTP server in this JVM (GreenMail) on a free loopback port, for the whole test class,
 * and what tests read from it: the messages an address received, and the code in the newest one.
 * Register it before the server extension that sends to it.
 */
public final class SmtpServer implements BeforeAllCallback, AfterAllCallback {
    public static final String FROM = "skyscope@office.test";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{8})\\b");

    private GreenMail mail;

    @Override
    public void beforeAll(ExtensionContext context) {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (mail != null) {
            mail.stop();
        }
    }

    /** Configuration that sends here, in plain SMTP (a loopback relay). */
    public MailConfig config(long codeTtlSeconds, int perAddressPerHour, int perClientPerHour) {
        return new MailConfig("127.0.0.1", mail.getSmtp().getPort(), MailConfig.Security.NONE, null, null, FROM,
                codeTtlSeconds, perAddressPerHour, perClientPerHour);
    }

    /** The messages received for {@code address}, oldest first. */
    public List<MimeMessage> received(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                for (Address to : m.getAllRecipients()) {
                    if (to.toString().toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT))) {
                        found.add(m);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Waits for the {@code n}-th message (1-based) to {@code address} and returns the code in it. */
    public String awaitCode(String address, int n, Duration timeout) {
        await().atMost(timeout).until(() -> received(address).size() >= n);
        String body = GreenMailUtil.getBody(received(address).get(n - 1));
        Matcher m = CODE.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no code in the message to " + address + ": " + body);
        }
        return m.group(1);
    }

    /** The subject of the {@code n}-th message (1-based) to {@code address}. */
    public String subject(String address, int n) {
        try {
            return received(address).get(n - 1).getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
