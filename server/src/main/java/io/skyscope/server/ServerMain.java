package io.skyscope.server;

import io.skyscope.server.config.ConfigException;
import io.skyscope.server.config.ServerConfig;

/**
 * Starts the server from environment variables (see README) and stops it on SIGTERM/SIGINT.
 * Reached through {@code Launcher}, which has already checked the Java version.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("SkyScope cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        SkyScopeServer server;
        try {
            server = SkyScopeServer.start(config);
        } catch (ConfigException e) {
            System.err.println("SkyScope cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(server::close));
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        System.out.println("SkyScope is running at http://" + host + ":" + server.port() + "/  (WebSocket: ws://"
                + host + ":" + server.port() + "/ws, data in " + config.dataDir() + ")");
    }
}
