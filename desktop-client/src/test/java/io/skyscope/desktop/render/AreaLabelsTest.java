package io.skyscope.desktop.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

class AreaLabelsTest {

    @Test
    void aLabelSitsAtItsAreasCornerUnlessAnotherLabelIsThere() {
        var hall = new Area("Town Hall", AreaKindLabel.ROOM, 32, 32, 640, 512);
        var stage = new Area("Town Hall Stage", AreaKindLabel.STAGE, 32, 32, 600, 160);
        var kitchen = new Area("Kitchen", AreaKindLabel.ROOM, 800, 32, 300, 300);
        var placed = AreaLabels.place(List.of(hall, stage, kitchen), 2000, Area::name);

        assertThat(placed.get(0)).extracting(AreaLabels.Placed::x, AreaLabels.Placed::y).containsExactly(38.0, 37.0);
        assertThat(placed.get(1).x()).isEqualTo(38.0);
        assertThat(placed.get(1).y()).as("below the hall's label").isEqualTo(37.0 + AreaLabels.HEIGHT + 2);
        assertThat(placed.get(2)).extracting(AreaLabels.Placed::x, AreaLabels.Placed::y).containsExactly(806.0, 37.0);
    }

    @Test
    void noTwoLabelsOverlapAndNoneLeavesTheMap() {
        // Six areas sharing a corner, and a narrow one at the map's right edge.
        var areas = new java.util.ArrayList<Area>();
        for (int i = 0; i < 6; i++) {
            areas.add(new Area("Nested " + i, AreaKindLabel.MEETING_ROOM, 100 + i, 100, 400 - 10 * i, 400));
        }
        areas.add(new Area("Pairing Room", AreaKindLabel.MEETING_ROOM, 1900, 40, 90, 90));
        var placed = AreaLabels.place(areas, 2000, a -> a.name() + " · Meeting room");

        for (int i = 0; i < placed.size(); i++) {
            var p = placed.get(i);
            assertThat(p.x()).isGreaterThanOrEqualTo(0);
            assertThat(p.x() + p.width()).as(p.text()).isLessThanOrEqualTo(2000);
            for (int j = 0; j < i; j++) {
                assertThat(placed.get(j).overlaps(p.x(), p.y(), p.width())).as(p.text() + " over " + placed.get(j).text())
                        .isFalse();
            }
        }
    }
}
