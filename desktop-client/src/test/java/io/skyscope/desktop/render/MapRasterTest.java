package io.skyscope.desktop.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapRasterTest {

    @Test
    void sourceOverBlendsLikeTiledDraws() {
        assertThat(MapRaster.over(0x00FFFFFF, 0xFF102030, 1)).as("transparent leaves the floor").isEqualTo(0xFF102030);
        assertThat(MapRaster.over(0xFFFF0000, 0xFF102030, 1)).as("opaque replaces").isEqualTo(0xFFFF0000);
        int half = MapRaster.over(0x80FFFFFF, 0xFF000000, 1);
        assertThat(half >>> 24).isEqualTo(0xFF);
        assertThat((half >> 16) & 0xFF).isBetween(0x7E, 0x81);
        assertThat(MapRaster.over(0xFFFFFFFF, 0xFF000000, 0.0)).as("an invisible layer").isEqualTo(0xFF000000);
    }
}
