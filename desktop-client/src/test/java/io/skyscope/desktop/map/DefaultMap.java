package io.skyscope.desktop.map;

import io.skyscope.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The server's default office map, read from the server jar on the test class path. */
public final class DefaultMap {

    private DefaultMap() {
    }

    public static OfficeMap load() {
        try (InputStream in = DefaultMap.class.getResourceAsStream("/maps/default-office.tmj")) {
            return TiledMapReader.read(Json.lenient().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
