package io.skyscope.server.world.map;

/**
 * The tiles of the default office tileset ({@code office-tiles.png}), in image order: tile
 * {@code t} sits at column {@code t.ordinal() % COLUMNS}, row {@code t.ordinal() / COLUMNS}, and
 * its gid in the default map is {@code ordinal() + 1}. Tiles that block movement collide.
 */
enum OfficeTile {
    // Floors: opaque, drawn on the 'floor' layer.
    WOOD, CARPET_BLUE, CARPET_GREEN, CARPET_RED, KITCHEN_TILES, STONE, CORRIDOR, STAGE_BOARDS,
    STAGE_EDGE(true), STAGE_STEPS, DOOR_H, DOOR_V, MAT,
    RUG_NW, RUG_N, RUG_NE, RUG_W, RUG_C, RUG_E, RUG_SW, RUG_S, RUG_SE,

    // Walls, one per combination of connected neighbours (bit 1 north, 2 east, 4 south, 8 west).
    WALL_0(true), WALL_1(true), WALL_2(true), WALL_3(true), WALL_4(true), WALL_5(true), WALL_6(true),
    WALL_7(true), WALL_8(true), WALL_9(true), WALL_10(true), WALL_11(true), WALL_12(true), WALL_13(true),
    WALL_14(true), WALL_15(true),
    // Things on the face of a straight east-west wall with floor to its south.
    WALL_WINDOW(true), WALL_WHITEBOARD_L(true), WALL_WHITEBOARD_R(true), WALL_TV_L(true), WALL_TV_R(true),
    WALL_SCREEN_L(true), WALL_SCREEN_M(true), WALL_SCREEN_R(true), WALL_ART(true), WALL_CLOCK(true),
    GLASS_DOOR(true),

    // Furniture: transparent around the object, drawn on the 'furniture' layer.
    DESK_S(true), DESK_N(true), DESK_S_LAPTOP(true), DESK_N_LAPTOP(true),
    CHAIR_N, CHAIR_S, CHAIR_E, CHAIR_W,
    TABLE_NW(true), TABLE_N(true), TABLE_NE(true), TABLE_W(true), TABLE_C(true), TABLE_E(true),
    TABLE_SW(true), TABLE_S(true), TABLE_SE(true),
    SOFA_S_L, SOFA_S_M, SOFA_S_R, SOFA_N_L, SOFA_N_M, SOFA_N_R, ARMCHAIR_E, ARMCHAIR_W,
    COFFEE_TABLE(true), PLANT(true), PLANT_TALL(true),
    COUNTER(true), COUNTER_SINK(true), COUNTER_COFFEE(true), COUNTER_STOVE(true), FRIDGE(true),
    BOOKSHELF(true), LECTERN(true), SPEAKER(true), WATER_COOLER(true), PRINTER(true);

    static final int COLUMNS = 8;
    static final int SIZE = 32;

    private final boolean collides;

    OfficeTile() {
        this(false);
    }

    OfficeTile(boolean collides) {
        this.collides = collides;
    }

    boolean collides() {
        return collides;
    }

    int gid() {
        return ordinal() + 1;
    }

    /** The wall tile for a set of connected neighbours: bit 1 north, 2 east, 4 south, 8 west. */
    static OfficeTile wall(int mask) {
        return values()[WALL_0.ordinal() + mask];
    }

    boolean isWall() {
        return ordinal() >= WALL_0.ordinal() && ordinal() <= GLASS_DOOR.ordinal();
    }

    /** For a 3x3-sliced object (rug, table): the tile for column {@code col} and row {@code row} of 0..2. */
    static OfficeTile slice(OfficeTile northWest, int col, int row) {
        return values()[northWest.ordinal() + row * 3 + col];
    }
}
