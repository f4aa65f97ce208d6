package dev.midge.broker.internal;

import dev.midge.broker.Bridge;
import dev.midge.broker.Persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Everything a broker is started with, checked: what the core and the listeners are made with, and what is set up
 * around them.
 *
 * @param config           the settings of the core and the listeners
 * @param clock            the clock the broker reads, when it runs on real time
 * @param virtualTimeStart what the clock shows first when the broker runs on virtual time, or null for real time
 * @param persistence      the persistence store's settings, or null for none
 * @param bridges          the bridges to upstream brokers, started with the broker
 */
public record BrokerSetup(BrokerConfig config, Clock clock, Instant virtualTimeStart, Persistence persistence,
                          List<Bridge> bridges) {
}
