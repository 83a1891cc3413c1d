package io.skyscope.server.mail;

import io.skyscope.server.config.MailConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends plain-text email through the configured SMTP server (Jakarta Mail, Eclipse Angus), and
 * runs the work that decides whether to send on one background thread.
 *
 * <p>Why a thread of its own: a request that asks for a code must be answered the same way, and
 * as fast, whether the address has an account or not. The request thread only validates and
 * counts; the lookup, the stored code and the SMTP conversation happen here, after the answer.
 * The queue is bounded ({@value #QUEUE}); past it work is dropped and logged, never queued without
 * limit. SMTP connect, read and write time out after {@value #TIMEOUT_MILLIS} ms.
 *
 * <p>Thread-safe: {@link #submit} is called from HTTP request threads; the work runs on the
 * "mail" thread; {@link #close} from the composition root.
 */
public final class Mailer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int QUEUE = 1000;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final MailConfig config;
    private final Session session;
    private final InternetAddress from;
    private final ThreadPoolExecutor worker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public Mailer(MailConfig config) {
        this.config = config;
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("SMTP_FROM is not an email address: " + e.getMessage(), e);
        }
        this.session = Session.getInstance(properties(config));
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("mail").daemon().factory());
    }

    private static Properties properties(MailConfig c) {
        var p = new Properties();
        String proto = c.security() == MailConfig.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", c.host());
        p.put("mail." + proto + ".port", String.valueOf(c.port()));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        p.put("mail." + proto + ".timeout", String.valueOf(TIMEOUT_MILLIS));
        p.put("mail." + proto + ".writetimeout", String.valueOf(TIMEOUT_MILLIS));
        p.put("mail." + proto + ".auth", String.valueOf(c.user() != null));
        switch (c.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtps.ssl.enable", "true");
                p.put("mail.smtps.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return p;
    }

    /**
     * Runs {@code work} on the mail thread, after the caller has answered. A full queue drops it
     * (logged): a flood of requests must not hold memory or delay the answer.
     */
    public void submit(String what, Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    log.warn("Email work '{}' failed: {}", what, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Email queue full ({}): dropped '{}'", QUEUE, what);
        }
    }

    /**
     * Sends one plain-text message now, on the calling thread (the mail thread, from work given
     * to {@link #submit}).
     *
     * @throws IllegalStateException when the SMTP server refuses it or cannot be reached
     */
    public void send(String to, String subject, String body) {
        try {
            var message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            if (config.user() == null) {
                Transport.send(message);
            } else {
                Transport.send(message, config.user(), config.password());
            }
            sent.incrementAndGet();
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP " + config.host() + ":" + config.port() + " did not take the message: "
                    + e.getMessage(), e);
        }
    }

    /** Messages sent, and work that failed, since start. */
    public long sentCount() {
        return sent.get();
    }

    public long failedCount() {
        return failed.get();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
