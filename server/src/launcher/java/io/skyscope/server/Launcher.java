package io.skyscope.server;

import java.lang.reflect.InvocationTargetException;

/**
 * Entry point of the self-contained server jar. Compiled for Java 8 on purpose: an older JVM can
 * load this class and print one clear line instead of an {@code UnsupportedClassVersionError}.
 * It checks the running Java version and hands over to {@code ServerMain} (compiled for Java 25),
 * which it can only reach by name because the two are compiled for different releases.
 */
public final class Launcher {
    static final int REQUIRED = 25;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int running = feature(System.getProperty("java.specification.version", "0"));
        if (running < REQUIRED) {
            System.err.println("SkyScope server needs Java " + REQUIRED + " or newer, but this is Java "
                    + running + " (" + System.getProperty("java.home")
                    + "); run it with a JDK 25, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64.");
            System.exit(2);
        }
        try {
            Class.forName("io.skyscope.server.ServerMain")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static int feature(String specVersion) {
        String v = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
