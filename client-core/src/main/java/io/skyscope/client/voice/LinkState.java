package io.skyscope.client.voice;

/**
 * One voice link as the UI shows it.
 *
 * @param peerId      who is at the other end
 * @param reason      why the server linked us: {@code proximity}, {@code room} or {@code stage}
 * @param direction   {@code sendrecv}, {@code sendonly} or {@code recvonly}, from my side
 * @param state       where the connection is
 * @param level       how loud their voice arrives, dBFS (-120 = silence), before my mix
 * @param speaking    whether they are speaking now (from their audio)
 * @param muted       whether they say they are muted
 * @param volume      the volume I set for them (1 = 100 %)
 * @param gain        how loud the mix plays them now (0 to 1, distance times volume)
 * @param setupMillis from the join to the connection, or -1 while not connected
 */
public record LinkState(String peerId, String reason, String direction, State state, double level,
                        boolean speaking, boolean muted, double volume, double gain, long setupMillis) {

    public enum State { CONNECTING, CONNECTED, FAILED, CLOSED }

    /** Whether they can hear me over this link (it is up and sends my voice). */
    public boolean carriesMyVoice() {
        return state == State.CONNECTED && !"recvonly".equals(direction);
    }
}
