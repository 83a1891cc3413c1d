package io.skyscope.desktop.map;

import io.skyscope.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The server's default office map, read from the server jar on the test class path. */
public final class DefaultMap {

    private DefaultMap() {
    }

    /** The map file's bytes, as the server stores and parses them. */
    public static byte[] bytes() {
        try (InputStream in = DefaultMap.class.getResourceAsStream("/maps/default-office.tmj")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The map as the desktop reads it: from the JSON tree the REST client hands over. */
    public static OfficeMap load() {
        try {
            return OfficeMap.read(Json.lenient().readTree(bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
