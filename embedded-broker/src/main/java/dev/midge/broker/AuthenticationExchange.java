package dev.midge.broker;

/**
 * One enhanced authentication in progress: the server side of a mechanism, made by
 * {@link AuthenticationMethod#start} for one CONNECT or one re-authentication. Called on the broker's thread, one
 * step at a time; it must answer at once, never block.
 */
@FunctionalInterface
public interface AuthenticationExchange {

    /**
     * Takes the client's next Authentication Data and decides what comes next.
     *
     * @param clientData the Authentication Data of the client's CONNECT or AUTH; empty when it sent none
     * @return a challenge to send in an AUTH (continue authentication), success, or failure
     */
    AuthenticationStep next(byte[] clientData);
}
