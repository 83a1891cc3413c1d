package io.skyscope.map;

/**
 * A map file that SkyScope cannot use. The message names the part of the file that is wrong and
 * what was expected, e.g. {@code layer 'floor': data has 100 tiles, expected 2400 (width 60 x
 * height 40)}, so that whoever uploaded the map can fix it without reading the parser.
 */
public class MapValidationException extends RuntimeException {
    public MapValidationException(String message) {
        super(message);
    }

    public MapValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
