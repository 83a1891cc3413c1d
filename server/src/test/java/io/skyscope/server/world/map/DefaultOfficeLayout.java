package io.skyscope.server.world.map;

import static io.skyscope.server.world.map.OfficeTile.*;

import java.util.Map;

/**
 * The floor plan of the default office, 60 x 40 tiles. A corridor (rows 18-20) runs the full width.
 * North of it: the town hall (stage and seats), the open-plan desks and the library. South of it:
 * the kitchen, the lobby with the entrance and spawn, three meeting rooms and a lounge behind them.
 */
final class DefaultOfficeLayout {
    static final int WIDTH = 60;
    static final int HEIGHT = 40;

    private DefaultOfficeLayout() {
    }

    static OfficePlan plan() {
        OfficePlan p = new OfficePlan(WIDTH, HEIGHT);
        shell(p);
        townHall(p);
        openPlan(p);
        library(p);
        corridor(p);
        kitchen(p);
        lobby(p);
        meetingRooms(p);
        lounge(p);
        return p;
    }

    private static void shell(OfficePlan p) {
        p.floor(0, 0, WIDTH - 1, HEIGHT - 1, CORRIDOR);
        p.wallOutline(0, 0, WIDTH - 1, HEIGHT - 1);
        p.walls(0, 17, WIDTH - 1, 17);
        p.walls(0, 21, WIDTH - 1, 21);
        p.walls(21, 0, 21, 17);
        p.walls(45, 0, 45, 17);
        p.walls(15, 21, 15, HEIGHT - 1);
        p.walls(32, 21, 32, HEIGHT - 1);
        p.walls(32, 30, WIDTH - 1, 30);
        p.walls(45, 21, 45, 30);
        p.walls(53, 21, 53, 30);
    }

    private static void townHall(OfficePlan p) {
        p.floor(1, 1, 20, 16, CARPET_RED);
        p.floor(3, 1, 18, 4, STAGE_BOARDS);
        p.floor(3, 5, 18, 5, STAGE_EDGE);
        p.floor(10, 5, 11, 5, STAGE_STEPS);
        p.opening(10, 17, 11, 17, DOOR_H);
        p.onWall(7, 0, WALL_SCREEN_L);
        for (int x = 8; x <= 13; x++) {
            p.onWall(x, 0, WALL_SCREEN_M);
        }
        p.onWall(14, 0, WALL_SCREEN_R);
        p.put(13, 3, LECTERN);
        p.put(3, 1, SPEAKER);
        p.put(18, 1, SPEAKER);
        p.put(1, 1, PLANT_TALL);
        p.put(20, 1, PLANT_TALL);
        for (int y = 8; y <= 14; y += 2) {
            p.row(3, 8, y, CHAIR_N);
            p.row(13, 18, y, CHAIR_N);
        }
        p.put(1, 16, PLANT);
        p.put(20, 16, PLANT);
        p.object("stage", "Town Hall Stage", 3, 1, 18, 5, Map.of());
        p.object("audience", "Town Hall Seats", 1, 6, 20, 16, Map.of("stage", "Town Hall Stage"));
        p.object("room", "Town Hall", 1, 1, 20, 16, Map.of());
    }

    private static void openPlan(OfficePlan p) {
        p.floor(22, 1, 44, 16, WOOD);
        p.opening(26, 17, 28, 17, DOOR_H);
        p.opening(38, 17, 40, 17, DOOR_H);
        for (int x = 23; x <= 43; x += 2) {
            p.onWall(x, 0, WALL_WINDOW);
        }
        int pod = 0;
        for (int y : new int[] {2, 8}) {
            for (int x0 : new int[] {24, 35}) {
                p.row(x0, x0 + 5, y, CHAIR_S);
                p.row(x0, x0 + 5, y + 3, CHAIR_N);
                for (int x = x0; x <= x0 + 5; x++) {
                    boolean laptop = (x + pod) % 3 == 1;
                    p.put(x, y + 1, laptop ? DESK_S_LAPTOP : DESK_S);
                    p.put(x, y + 2, (x + pod) % 4 == 2 ? DESK_N_LAPTOP : DESK_N);
                }
                desks(p, (char) ('A' + pod), x0, y + 1);
                pod++;
            }
        }
        p.put(22, 1, PLANT);
        p.put(44, 1, PLANT);
        p.put(32, 6, PLANT_TALL);
        p.put(44, 6, PRINTER);
        p.put(44, 9, WATER_COOLER);
        p.put(22, 16, PLANT_TALL);
        p.put(44, 16, PLANT);
        p.sliced(30, 13, 36, 16, RUG_NW);
        p.sofa(32, 34, 13, false);
        p.put(33, 15, COFFEE_TABLE);
        p.put(31, 15, ARMCHAIR_E);
        p.put(35, 15, ARMCHAIR_W);
        p.object("room", "Open Plan", 22, 1, 44, 16, Map.of());
    }

    /**
     * The twelve desks of a pod as desk objects, one per desk tile: {@code Desk A1} to {@code A6}
     * along the north row (west to east, seated on the chairs north of it), {@code A7} to {@code A12}
     * along the south row (seated on the chairs south of it).
     */
    private static void desks(OfficePlan p, char pod, int x0, int northRow) {
        for (int row = 0; row < 2; row++) {
            for (int i = 0; i < 6; i++) {
                int y = northRow + row;
                p.object("desk", "Desk " + pod + (row * 6 + i + 1), x0 + i, y, x0 + i, y, Map.of());
            }
        }
    }

    private static void library(OfficePlan p) {
        p.floor(46, 1, 58, 16, CARPET_GREEN);
        p.opening(51, 17, 52, 17, DOOR_H);
        for (int x = 47; x <= 57; x += 2) {
            p.onWall(x, 0, WALL_WINDOW);
        }
        for (int y : new int[] {1, 4, 7}) {
            p.row(47, 50, y, BOOKSHELF);
            p.row(54, 57, y, BOOKSHELF);
        }
        p.put(52, 1, PLANT);
        p.sliced(48, 10, 56, 15, RUG_NW);
        p.sliced(50, 12, 54, 13, TABLE_NW);
        p.row(50, 54, 11, CHAIR_S);
        p.row(50, 54, 14, CHAIR_N);
        p.put(47, 12, ARMCHAIR_E);
        p.put(47, 14, ARMCHAIR_E);
        p.put(57, 12, ARMCHAIR_W);
        p.put(57, 14, ARMCHAIR_W);
        p.put(46, 16, PLANT_TALL);
        p.put(58, 16, PLANT_TALL);
        p.object("silent-zone", "Library", 46, 1, 58, 16, Map.of());
    }

    private static void corridor(OfficePlan p) {
        p.floor(1, 18, 58, 20, CORRIDOR);
        p.onWall(5, 17, WALL_ART);
        p.onWall(16, 17, WALL_ART);
        p.onWall(33, 17, WALL_CLOCK);
        p.onWall(48, 17, WALL_ART);
        p.put(1, 18, PLANT_TALL);
        p.put(58, 18, PLANT_TALL);
        for (int x : new int[] {6, 18, 46}) {
            p.put(x, 18, PLANT);
        }
        for (int x : new int[] {16, 31, 44}) {
            p.put(x, 20, PLANT);
        }
        p.object("room", "Corridor", 1, 18, 58, 20, Map.of());
    }

    private static void kitchen(OfficePlan p) {
        p.floor(1, 22, 14, 38, KITCHEN_TILES);
        p.opening(11, 21, 12, 21, DOOR_H);
        p.put(1, 22, FRIDGE);
        p.put(2, 22, FRIDGE);
        OfficeTile[] counters = {COUNTER, COUNTER_SINK, COUNTER, COUNTER_STOVE, COUNTER, COUNTER_COFFEE, COUNTER};
        for (int i = 0; i < counters.length; i++) {
            p.put(3 + i, 22, counters[i]);
        }
        p.onWall(6, 21, WALL_CLOCK);
        p.put(14, 22, PLANT);
        p.put(1, 26, WATER_COOLER);
        for (int y : new int[] {29, 34}) {
            for (int x0 : new int[] {3, 9}) {
                p.sliced(x0, y + 1, x0 + 2, y + 2, TABLE_NW);
                p.row(x0, x0 + 2, y, CHAIR_S);
                p.row(x0, x0 + 2, y + 3, CHAIR_N);
            }
        }
        p.row(5, 8, 25, COUNTER);
        p.put(1, 38, PLANT);
        p.put(14, 38, PLANT_TALL);
        p.object("room", "Kitchen", 1, 22, 14, 38, Map.of());
    }

    private static void lobby(OfficePlan p) {
        p.floor(16, 22, 31, 38, STONE);
        p.opening(19, 21, 28, 21, STONE);
        p.onWall(23, 39, GLASS_DOOR);
        p.onWall(24, 39, GLASS_DOOR);
        p.floor(23, 38, 24, 38, MAT);
        p.row(18, 21, 26, COUNTER);
        p.row(19, 20, 25, CHAIR_S);
        p.put(16, 22, PLANT_TALL);
        p.put(31, 22, PLANT_TALL);
        p.put(17, 26, PLANT);
        p.put(31, 27, WATER_COOLER);
        for (int x0 : new int[] {17, 26}) {
            p.sliced(x0, 29, x0 + 4, 33, RUG_NW);
            p.sofa(x0 + 1, x0 + 3, 29, false);
            p.put(x0 + 2, 31, COFFEE_TABLE);
            p.sofa(x0 + 1, x0 + 3, 33, true);
        }
        p.put(21, 38, PLANT_TALL);
        p.put(26, 38, PLANT_TALL);
        p.put(16, 38, PLANT);
        p.put(31, 38, PLANT);
        p.object("spawn", "", 22, 34, 25, 36, Map.of());
        p.object("room", "Lobby", 16, 22, 31, 38, Map.of());
    }

    private static void meetingRooms(OfficePlan p) {
        p.floor(33, 22, 44, 29, CARPET_BLUE);
        p.opening(38, 21, 39, 21, DOOR_H);
        p.onWall(34, 21, WALL_WHITEBOARD_L);
        p.onWall(35, 21, WALL_WHITEBOARD_R);
        p.onWall(42, 21, WALL_TV_L);
        p.onWall(43, 21, WALL_TV_R);
        p.sliced(37, 25, 40, 26, TABLE_NW);
        p.row(37, 40, 24, CHAIR_S);
        p.row(37, 40, 27, CHAIR_N);
        p.put(36, 25, CHAIR_E);
        p.put(36, 26, CHAIR_E);
        p.put(41, 25, CHAIR_W);
        p.put(41, 26, CHAIR_W);
        p.put(33, 29, PLANT);
        p.put(44, 29, PLANT);
        p.object("meeting-room", "Boardroom", 33, 22, 44, 29, Map.of("capacity", 12));

        p.floor(46, 22, 52, 29, CARPET_BLUE);
        p.opening(48, 21, 49, 21, DOOR_H);
        p.onWall(51, 21, WALL_TV_L);
        p.onWall(52, 21, WALL_TV_R);
        p.sliced(48, 25, 50, 26, TABLE_NW);
        p.row(48, 50, 24, CHAIR_S);
        p.row(48, 50, 27, CHAIR_N);
        p.put(46, 29, PLANT_TALL);
        p.put(52, 29, PLANT);
        p.object("meeting-room", "Huddle Room", 46, 22, 52, 29, Map.of("capacity", 6));

        p.floor(54, 22, 58, 29, WOOD);
        p.opening(55, 21, 55, 21, DOOR_H);
        p.onWall(57, 21, WALL_WHITEBOARD_L);
        p.onWall(58, 21, WALL_WHITEBOARD_R);
        p.sliced(55, 25, 56, 26, TABLE_NW);
        p.put(55, 24, CHAIR_S);
        p.put(56, 27, CHAIR_N);
        p.put(54, 29, PLANT);
        p.put(58, 29, PLANT_TALL);
        p.object("meeting-room", "Pairing Room", 54, 22, 58, 29, Map.of("capacity", 2));
    }

    private static void lounge(OfficePlan p) {
        p.floor(33, 31, 58, 38, WOOD);
        p.opening(32, 33, 32, 36, DOOR_V);
        p.onWall(36, 30, WALL_ART);
        p.onWall(43, 30, WALL_CLOCK);
        p.onWall(50, 30, WALL_ART);
        p.sliced(36, 32, 42, 36, RUG_NW);
        p.sofa(38, 40, 32, false);
        p.put(39, 34, COFFEE_TABLE);
        p.put(37, 34, ARMCHAIR_E);
        p.put(41, 34, ARMCHAIR_W);
        p.sofa(38, 40, 36, true);
        p.row(46, 52, 31, BOOKSHELF);
        p.sliced(49, 34, 53, 35, TABLE_NW);
        p.row(49, 53, 33, CHAIR_S);
        p.row(49, 53, 36, CHAIR_N);
        p.put(33, 38, PLANT_TALL);
        p.put(58, 31, PLANT);
        p.put(58, 38, PLANT_TALL);
        p.put(56, 34, WATER_COOLER);
        p.object("room", "Lounge", 33, 31, 58, 38, Map.of());
    }
}
