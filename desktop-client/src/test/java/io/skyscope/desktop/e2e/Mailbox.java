package io.skyscope.desktop.e2e;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.skyscope.server.config.MailConfig;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server in this JVM (GreenMail) on a free loopback port, and the codes mailed to it. */
final class Mailbox implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{8})\\b");
    private final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
            .dynamicPort());

    Mailbox() {
        mail.start();
    }

    /** The server sends here in plain SMTP (a loopback relay), codes valid 10 minutes, generous limits. */
    MailConfig config() {
        return new MailConfig("127.0.0.1", mail.getSmtp().getPort(), MailConfig.Security.NONE, null, null,
                "skyscope@office.test", 600, 50, 1000);
    }

    /** Waits for the {@code n}-th message (1-based) to {@code address} and returns the code in it. */
    String awaitCode(String address, int n, Duration timeout) {
        await("message " + n + " to " + address).atMost(timeout).until(() -> count(address) >= n);
        int seen = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (to(m, address) && ++seen == n) {
                Matcher code = CODE.matcher(GreenMailUtil.getBody(m));
                if (!code.find()) {
                    throw new AssertionError("no code in the message to " + address);
                }
                return code.group(1);
            }
        }
        throw new AssertionError("message " + n + " to " + address + " is gone");
    }

    private int count(String address) {
        int n = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            n += to(m, address) ? 1 : 0;
        }
        return n;
    }

    private static boolean to(MimeMessage m, String address) {
        try {
            for (Address a : m.getAllRecipients()) {
                if (a.toString().toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mail.stop();
    }
}
