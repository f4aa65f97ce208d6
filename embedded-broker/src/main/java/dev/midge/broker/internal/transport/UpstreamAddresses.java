package dev.midge.broker.internal.transport;

import dev.midge.broker.BridgeAddress;

import java.util.List;

/**
 * Which of a bridge's addresses it connects to: the current one until a connection to it fails or ends, then the
 * next, in turn. The restart wait is due only once every address has failed since the last accepted connection.
 * Without round robin the first address is the main one, which the bridge returns to when it answers again.
 *
 * <p>Confined to the broker's event-loop thread.
 */
final class UpstreamAddresses {

    private final List<BridgeAddress> addresses;
    private final boolean roundRobin;
    private int current;
    private int failuresInARow;

    UpstreamAddresses(List<BridgeAddress> addresses, boolean roundRobin) {
        this.addresses = addresses;
        this.roundRobin = roundRobin;
    }

    /** @return the address to connect to */
    BridgeAddress current() {
        return addresses.get(current);
    }

    /** @return the main address, which a bridge without round robin returns to */
    BridgeAddress main() {
        return addresses.get(0);
    }

    /** The upstream at the current address accepted the bridge. */
    void accepted() {
        failuresInARow = 0;
    }

    /**
     * A connection to the current address could not be made or has ended: the next address becomes current.
     *
     * @return whether every address has failed since the last accepted connection, so the restart wait is due
     */
    boolean failed() {
        current = (current + 1) % addresses.size();
        failuresInARow++;
        if (failuresInARow < addresses.size()) {
            return false;
        }
        failuresInARow = 0;
        return true;
    }

    /** @return whether the bridge is at an address other than the main one, which it should try to return to */
    boolean awayFromMain() {
        return !roundRobin && current != 0;
    }

    /** The main address answers again, or the bridge starts over: the main address becomes current. */
    void backToMain() {
        current = 0;
        failuresInARow = 0;
    }
}
