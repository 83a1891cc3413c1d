package io.skyscope.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

class SignalBudgetTest {
    private static final SignalBudget.Limits LIMITS = new SignalBudget.Limits(10, 25, 1_000, 2, 3);
    private static final long SECOND = 1_000_000_000L;

    @Test
    void withoutLinksOnlyTheSteadyAllowanceRefillingAtItsRate() {
        var budget = new SignalBudget(LIMITS, 0);
        assertThat(takes(budget, 0)).isEqualTo(3);
        assertThat(takes(budget, SECOND / 2)).isEqualTo(1);
        assertThat(takes(budget, 100 * SECOND)).as("never more than its burst").isEqualTo(3);
    }

    @Test
    void eachLinkGrantsItsSignalsUpToTheCapUntilTheyExpire() {
        var budget = new SignalBudget(LIMITS, 0);
        budget.grant(0);
        assertThat(takes(budget, 0)).isEqualTo(10 + 3);
        for (int i = 0; i < 5; i++) {
            budget.grant(SECOND);
        }
        assertThat(takes(budget, SECOND)).as("capped").isEqualTo(25 + 2);
        budget.grant(2 * SECOND);
        assertThat(takes(budget, 3 * SECOND + 1)).as("expired, steady only").isEqualTo(3);
    }

    @Test
    void aLargeSignalCostsAUnitPerStartedFourKibibytesOfTheGrant() {
        var budget = new SignalBudget(new SignalBudget.Limits(10, 25, 1_000, 2, 0), 0);
        budget.grant(0);
        assertThat(budget.tryTake(16 * 1024, 0)).isTrue();
        assertThat(budget.tryTake(4096 + 1, 0)).isTrue();
        assertThat(budget.tryTake(4096 * 4, 0)).as("4 + 2 + 4 units: the whole grant").isTrue();
        assertThat(budget.tryTake(200, 0)).as("spent").isFalse();
    }

    @Test
    void everyEncodedVoiceJoinStartsWithThePrefixTheSessionLooksFor() {
        var join = ProtocolCodec.encode(new ServerMessage.VoiceJoin("u1", true, "proximity", "sendrecv"));
        assertThat(join).startsWith(ClientSession.VOICE_JOIN_PREFIX);
        var warm = ProtocolCodec.encode(new ServerMessage.VoiceWarm("u1", true));
        assertThat(warm).startsWith(ClientSession.VOICE_WARM_PREFIX);
        var signal = ProtocolCodec.encode(new ServerMessage.Signal("u1", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        assertThat(signal).doesNotStartWith(ClientSession.VOICE_JOIN_PREFIX);
    }

    private static int takes(SignalBudget budget, long now) {
        int n = 0;
        while (n < 1000 && budget.tryTake(200, now)) {
            n++;
        }
        return n;
    }
}
