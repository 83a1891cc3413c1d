package io.skyscope.desktop.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.TileLayer;
import io.skyscope.protocol.Json;
import org.junit.jupiter.api.Test;

class OfficeMapTest {

    @Test
    void readsTheDefaultOfficeWithEveryAreaKind() {
        OfficeMap map = DefaultMap.load();
        assertThat(map.widthTiles()).isEqualTo(60);
        assertThat(map.heightTiles()).isEqualTo(40);
        assertThat(map.tileSize()).isEqualTo(32);
        assertThat(map.layers()).extracting(TileLayer::name).containsExactly("floor", "furniture", "walls");
        assertThat(map.areas()).extracting(Area::kind).contains(AreaKindLabel.MEETING_ROOM, AreaKindLabel.SILENT_ZONE,
                AreaKindLabel.STAGE, AreaKindLabel.AUDIENCE, AreaKindLabel.SPAWN);
        assertThat(map.collision().blocked(0, 0)).as("the outer wall").isTrue();
        assertThat(map.areaAt(200, 100)).get().extracting(Area::kind).as("the stage inside the hall").isEqualTo(AreaKindLabel.STAGE);
    }

    @Test
    void flipFlagsDoNotHideCollisionAndGroupsAreRead() throws Exception {
        String tmj = """
                {"width":2,"height":1,"tilewidth":16,"tileheight":16,"orientation":"orthogonal",
                 "tilesets":[{"firstgid":1,"tilecount":2,"columns":2,"tilewidth":16,"tileheight":16,
                              "imagewidth":32,"imageheight":16,
                              "image":"t.png","tiles":[{"id":1,"properties":[{"name":"collides","type":"bool","value":true}]}]}],
                 "layers":[{"type":"group","name":"g","layers":[
                    {"type":"tilelayer","name":"walls","width":2,"height":1,"data":[1, 2147483650]}]},
                    {"type":"objectgroup","name":"areas","objects":[
                       {"name":"Quiet","class":"silent-zone","x":0,"y":0,"width":16,"height":16},
                       {"name":"Old style","type":"meeting-room","x":16,"y":0,"width":16,"height":16},
                       {"class":"spawn","point":true,"x":8,"y":8}]}]}
                """;
        OfficeMap map = OfficeMap.read(Json.lenient().readTree(tmj));
        assertThat(map.collision().blocked(0, 0)).isFalse();
        assertThat(map.collision().blocked(1, 0)).as("gid 2 flipped horizontally still collides").isTrue();
        assertThat(map.areas()).extracting(Area::kind).containsExactly(AreaKindLabel.SILENT_ZONE, AreaKindLabel.MEETING_ROOM);
    }

    @Test
    void hiddenLayersAreNotDrawnButTheirWallsStillBlock() throws Exception {
        String tmj = """
                {"width":2,"height":1,"tilewidth":16,"tileheight":16,"orientation":"orthogonal",
                 "tilesets":[{"firstgid":1,"tilecount":2,"columns":2,"imagewidth":32,"imageheight":16,
                              "image":"t.png","tiles":[{"id":1,"properties":[{"name":"collides","type":"bool","value":true}]}]}],
                 "layers":[{"type":"tilelayer","name":"floor","data":[1, 1]},
                    {"type":"group","name":"hidden","visible":false,"layers":[
                       {"type":"tilelayer","name":"walls","data":[0, 2]}]},
                    {"type":"objectgroup","name":"areas","objects":[
                       {"name":"Kitchen","class":"room","x":0,"y":0,"width":32,"height":16},
                       {"class":"spawn","point":true,"x":8,"y":8}]}]}
                """;
        OfficeMap map = OfficeMap.read(Json.lenient().readTree(tmj));
        assertThat(map.layers()).extracting(TileLayer::name).containsExactly("floor");
        assertThat(map.collision().blocked(1, 0)).as("as the server judges it").isTrue();
        assertThat(map.areaAt(20, 8)).get().extracting(Area::name, Area::kind).containsExactly("Kitchen", AreaKindLabel.ROOM);
    }
}
