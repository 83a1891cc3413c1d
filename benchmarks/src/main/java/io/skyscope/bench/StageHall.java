package io.skyscope.bench;

/**
 * The stage benchmark's map: an open floor of 40 x 30 tiles with a stage across the top, an
 * audience area below it that names the stage, and a foyer at the bottom around the spawn. The
 * foyer is a silent zone, so that the listeners waiting there to walk in make no voice links with
 * each other; from any point of it a seat is one straight step away (at most about 800 px).
 */
final class StageHall {
    static final String STAGE = "Stage";
    static final double[] SPAWN = {640, 784};
    private static final int COLUMNS = 36;
    private static final int ROWS = 13;
    private static final double SEATS_X = 64;
    private static final double SEATS_Y = 192;

    private StageHall() {
    }

    static String tmj() {
        String objects = """
                ,{"id":2,"name":"%s","type":"stage","x":64,"y":32,"width":1152,"height":128}
                ,{"id":3,"name":"Seats","type":"audience","x":%d,"y":%d,"width":%d,"height":%d,
                  "properties":[{"name":"stage","type":"string","value":"%s"}]}
                ,{"id":4,"name":"Foyer","type":"silent-zone","x":64,"y":640,"width":1152,"height":288}
                """.formatted(STAGE, (int) SEATS_X, (int) SEATS_Y, COLUMNS * 32, ROWS * 32, STAGE);
        return BenchmarkMaps.openFloorTmj(40, 30, SPAWN[0], SPAWN[1], objects);
    }

    /** Seat {@code i}: tile centres of the audience area, row by row from its top left. */
    static double[] seat(int i) {
        if (i < 0 || i >= COLUMNS * ROWS) {
            throw new IllegalArgumentException("the hall seats " + COLUMNS * ROWS + ", asked for seat " + i);
        }
        return new double[] {SEATS_X + 16 + 32 * (i % COLUMNS), SEATS_Y + 16 + 32 * (i / COLUMNS)};
    }

    /** Where speaker {@code i} (0 or 1) stands on the stage. */
    static double[] stageSpot(int i) {
        return new double[] {480 + 320 * i, 96};
    }
}
