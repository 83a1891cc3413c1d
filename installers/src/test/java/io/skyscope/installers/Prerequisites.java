package io.skyscope.installers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks for the programs and libraries the package tests run. A missing one fails the test with
 * the Debian package that provides it (./skyscope test installs them); nothing is skipped.
 */
final class Prerequisites {
    private Prerequisites() {
    }

    /** Fails unless {@code command} is on PATH. */
    static void command(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        throw new AssertionError("'" + command + "' is not on PATH: install the Debian package " + debianPackage
                + " (apt-get install -y " + debianPackage + ")");
    }

    /** Fails unless the dynamic linker knows {@code soname} (e.g. libgtk-3.so.0). */
    static void library(String soname, String debianPackage) {
        try {
            Process p = new ProcessBuilder("ldconfig", "-p").redirectErrorStream(true).start();
            String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            if (listing.contains(soname + " ")) {
                return;
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run ldconfig -p to look for " + soname + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        throw new AssertionError(soname + " is missing: install the Debian package " + debianPackage
                + " (apt-get install -y " + debianPackage + ")");
    }
}
