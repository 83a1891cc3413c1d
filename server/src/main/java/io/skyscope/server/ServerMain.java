package io.skyscope.server;

import io.skyscope.server.config.ConfigException;
import io.skyscope.server.config.LogFormat;
import io.skyscope.server.config.ServerConfig;
import org.slf4j.LoggerFactory;

/**
 * Starts the server from environment variables (see README) and stops it on SIGTERM/SIGINT.
 * Reached through {@code Launcher}, which has already checked the Java version. Nothing may log
 * before {@code LOG_FORMAT} is read: the first log line configures logging.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        LogFormat logFormat;
        ServerConfig config;
        SkyScopeServer server;
        try {
            logFormat = LogFormat.fromEnvironment(System.getenv());
            // Before the first log line: logback.xml picks its appender by this property.
            System.setProperty(LogFormat.VARIABLE, logFormat.appender());
            config = ServerConfig.fromEnvironment(System.getenv());
            server = SkyScopeServer.start(config);
        } catch (ConfigException e) {
            System.err.println("SkyScope cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(server::close));
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        String running = "SkyScope is running at http://" + host + ":" + server.port() + "/  (WebSocket: ws://"
                + host + ":" + server.port() + "/ws, data in " + config.dataDir() + ")";
        if (logFormat == LogFormat.JSON) {
            LoggerFactory.getLogger(ServerMain.class).info(running); // the output stays one JSON object a line
        } else {
            System.out.println(running);
        }
    }
}
