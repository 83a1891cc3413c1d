package io.skyscope.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.server.world.SpaceCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Etiquette commands travel to a space's owner on another node as they were sent. */
class ClusterMessageTest {
    @Test
    void everyEtiquetteCommandSurvivesTheTripBetweenNodes() {
        List<EtiquetteCommand> commands = List.of(new EtiquetteCommand.Lock("Boardroom", "l1"),
                new EtiquetteCommand.Unlock("Boardroom", null), new EtiquetteCommand.Knock("Boardroom", null, "k1"),
                new EtiquetteCommand.Knock(null, "u-7", null), new EtiquetteCommand.KnockAnswer("u-9", true, "a1"),
                new EtiquetteCommand.Wave("u-7", "w1"), new EtiquetteCommand.React("coffee", null));
        for (EtiquetteCommand command : commands) {
            var sent = new ClusterMessage.Command("node-a", new SpaceCommand.Etiquette("u-1", true, command));
            assertThat(ClusterMessage.travels(sent.command())).isTrue();
            assertThat(ClusterMessage.decode(ClusterMessage.encode(sent))).isEqualTo(sent);
        }
    }
}
