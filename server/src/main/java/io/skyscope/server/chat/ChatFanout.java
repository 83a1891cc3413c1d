package io.skyscope.server.chat;

import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.bus.EventBus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends chat events to users through the {@link EventBus} (topic {@code user:<id>}), so a
 * recipient is reached wherever their connection is. A message is encoded once however many
 * receive it.
 *
 * <p>Deliveries ({@link #toUser}, {@link #toUsers}) are published by one thread of their own, in
 * the order they were asked for, so that the group-commit thread, which asks for most of them,
 * does not wait for a hundred publications before it acknowledges the next messages: an
 * acknowledgement or error to a sender ({@link #answer}) is published at once on the caller's
 * thread, ahead of deliveries still queued. The queue is bounded: when deliveries fall that far
 * behind, whoever asks for one waits (and with it the acknowledgements behind it), rather than
 * memory filling up. Before {@link #start} and after {@link #close}, deliveries are published on
 * the caller's thread.
 *
 * <p>Threads: any thread may call {@link #answer}, {@link #toUser} and {@link #toUsers}; the
 * composition root calls {@link #start} and {@link #close}.
 */
public final class ChatFanout implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatFanout.class);
    /** Deliveries waiting at most (each one message to its audience). */
    static final int QUEUE = 8_192;
    private static final Runnable STOP = () -> { };

    private final EventBus bus;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile boolean running;

    public ChatFanout(EventBus bus) {
        this.bus = bus;
        this.thread = Thread.ofPlatform().name("chat-fanout").daemon().unstarted(this::run);
    }

    public ChatFanout start() {
        running = true;
        thread.start();
        return this;
    }

    /** To the user at once, on this thread: for acknowledgements and errors answering what the user sent. */
    void answer(String userId, ServerMessage message) {
        bus.publish(EventBus.Topics.user(userId), ProtocolCodec.encode(message));
    }

    void toUser(String userId, ServerMessage message) {
        deliver(() -> answer(userId, message));
    }

    /** To every user listed except {@code except} (may be null). */
    void toUsers(Collection<String> userIds, String except, ServerMessage message) {
        deliver(() -> {
            String frame = null;
            for (String userId : userIds) {
                if (!userId.equals(except)) {
                    if (frame == null) {
                        frame = ProtocolCodec.encode(message);
                    }
                    bus.publish(EventBus.Topics.user(userId), frame);
                }
            }
        });
    }

    private void deliver(Runnable delivery) {
        if (running) {
            try {
                queue.put(delivery);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publish(delivery);
    }

    private void run() {
        List<Runnable> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, 255);
            boolean stop = false;
            for (Runnable delivery : batch) {
                if (delivery == STOP) {
                    stop = true;
                } else {
                    publish(delivery);
                }
            }
            if (stop) {
                return;
            }
            batch.clear();
        }
    }

    private static void publish(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.warn("chat delivery failed", e);
        }
    }

    /** Publishes what is still queued, then stops the thread; later deliveries go out on the caller's thread. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            queue.put(STOP);
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What a caller queued while the thread was stopping.
        for (Runnable delivery = queue.poll(); delivery != null; delivery = queue.poll()) {
            if (delivery != STOP) {
                publish(delivery);
            }
        }
    }
}
