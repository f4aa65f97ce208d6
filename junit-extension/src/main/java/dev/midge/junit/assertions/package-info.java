/**
 * AssertJ assertions on an MQTT broker's traffic and state, reached through
 * {@link dev.midge.junit.MqttAssertions#assertThat(dev.midge.junit.BrokerHandle)}. Every assertion waits for its
 * condition up to a timeout, and a failure shows the expectation and a {@link dev.midge.junit.assertions.Transcript}
 * of the broker's recent traffic.
 */
package dev.midge.junit.assertions;
