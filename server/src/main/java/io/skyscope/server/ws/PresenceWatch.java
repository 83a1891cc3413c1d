package io.skyscope.server.ws;

/**
 * Told when a person's connection opens, enters or leaves a space, and closes (on this node), for
 * what happens outside the space itself: where followers can find the person, and their follow
 * notifications. Each names the connection, so a replaced connection's late leave is told apart.
 * Called on session and Jetty threads in the order things happened to one connection; must not
 * block.
 */
public interface PresenceWatch {
    void connected(String userId, String sessionId);

    void entered(String userId, String sessionId, String spaceId);

    void left(String userId, String sessionId);

    void disconnected(String userId, String sessionId);

    PresenceWatch NONE = new PresenceWatch() {
        @Override
        public void connected(String userId, String sessionId) {
        }

        @Override
        public void entered(String userId, String sessionId, String spaceId) {
        }

        @Override
        public void left(String userId, String sessionId) {
        }

        @Override
        public void disconnected(String userId, String sessionId) {
        }
    };
}
