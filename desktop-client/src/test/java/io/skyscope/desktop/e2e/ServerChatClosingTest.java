package io.skyscope.desktop.e2e;

import static io.skyscope.desktop.e2e.TestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.Tokens;
import io.skyscope.desktop.chat.ServerChat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat of a space that was left: a reply that was on its way runs nothing more. When the app
 * quits it shuts its background executor down right after closing the space, and a queued follow-up
 * that asked for more pages threw on the JavaFX thread.
 */
class ServerChatClosingTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFollowUpQueuedBeforeClosingRunsNothingAfter() {
        var user = server.register("chat", "Chat Closing");
        Queue<Runnable> background = new ConcurrentLinkedQueue<>();
        Queue<Runnable> fx = new ConcurrentLinkedQueue<>();
        var shutDown = new AtomicBoolean();
        Executor backgroundExecutor = task -> {
            if (shutDown.get()) {
                throw new RejectedExecutionException("the background executor is shut down");
            }
            background.add(task);
        };
        var link = Session.create(Tokens.of(server.api(), user), TestServer.OFFICE, Session.Options.DEFAULTS);
        try {
            var chat = new ServerChat(link, backgroundExecutor, fx::add);
            link.start();
            // The welcome asks for my conversations; their answer queues the follow-up that loads
            // every channel's newest page.
            await().atMost(TIMEOUT).until(() -> runAll(fx) && !background.isEmpty());
            runAll(background);
            await().atMost(TIMEOUT).until(() -> !fx.isEmpty());

            chat.close();
            shutDown.set(true);
            assertThatCode(() -> runAll(fx)).as("the queued follow-up").doesNotThrowAnyException();
            assertThat(background).as("requests after closing").isEmpty();
        } finally {
            link.close();
        }
    }

    /** Runs the tasks queued so far; true if there were any. */
    private static boolean runAll(Queue<Runnable> tasks) {
        boolean ran = false;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
            ran = true;
        }
        return ran;
    }
}
