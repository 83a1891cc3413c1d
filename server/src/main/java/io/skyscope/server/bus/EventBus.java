package io.skyscope.server.bus;

import java.util.function.Consumer;

/**
 * Carries events between the owner of a space and the sessions of its people, which may live on
 * other nodes. Payloads are encoded frames (strings), so a networked bus can carry them as they are.
 *
 * <p>Thread-safety: publish and subscribe may be called from any thread. Listeners run on a bus
 * thread (in-process: the publisher's) and must not block.
 */
public interface EventBus extends AutoCloseable {

    void publish(String topic, String payload);

    /**
     * Publishes to the listeners of {@code topic} on other nodes only (none in-process). Used to
     * tell another node that a user connected here, so that it closes the user's older connection.
     */
    default void publishToOtherNodes(String topic, String payload) {
    }

    /** Returns a handle whose {@code close()} ends the subscription. */
    Subscription subscribe(String topic, Consumer<String> listener);

    /** True while the bus can deliver (for {@code /health}). */
    boolean healthy();

    /** A short name for logs and {@code /health}, e.g. {@code "in-process"}. */
    String kind();

    @Override
    void close();

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Topic names. */
    final class Topics {
        private Topics() {
        }

        private static final String USER = "user:";

        /**
         * Frames for one user, wherever that user's session is. A user has one connection, on one
         * node: a newer one anywhere replaces it.
         */
        public static String user(String userId) {
            return USER + userId;
        }

        public static boolean isUser(String topic) {
            return topic.startsWith(USER);
        }

        /** Commands for the owner of a space, wherever it runs (several nodes only). */
        public static String space(String spaceId) {
            return "space:" + spaceId;
        }

        /** Messages for one node (answers to its questions; several nodes only). */
        public static String node(String nodeId) {
            return "node:" + nodeId;
        }
    }
}
