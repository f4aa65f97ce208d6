package dev.midge.broker.robustness;

import dev.midge.broker.testing.ConnectPacket;
import dev.midge.broker.testing.MqttPackets;
import dev.midge.broker.testing.WireBytes;

import java.util.List;

/**
 * Valid packet sequences, one client's whole conversation each, in MQTT 3.1, 3.1.1 and 5.0: the material the
 * fuzzer mutates. Between them they use every packet a client sends and most fields and properties, so that
 * mutations reach every decoding path. Client identifiers start with {@code fuzz-}, so a mutated one can only take
 * over another fuzz client's session.
 */
final class SeedSequences {

    private SeedSequences() {
    }

    /** @return the sequences, each a list of packets in the order a client sends them */
    static List<List<byte[]>> all() {
        return List.of(mqtt311(), mqtt311Persistent(), mqtt31(), mqtt5(), mqtt5WithAliasesAndAuth(), mqtt5Scram());
    }

    private static List<byte[]> mqtt311() {
        return List.of(
                ConnectPacket.mqtt311("fuzz-a").keepAliveSeconds(60).will("fuzz/will", "gone", 1, false)
                        .credentials("user", "secret").build(),
                MqttPackets.subscribe(1, new String[]{"fuzz/+/x", "fuzz/b/#"}, new int[]{1, 2}),
                MqttPackets.publish("fuzz/a/x", "zero"),
                MqttPackets.publish("fuzz/a/x", "one", 1, 2, false, false),
                MqttPackets.publish("fuzz/b/c", "two", 2, 3, false, true),
                MqttPackets.pubrel(3),
                MqttPackets.puback(1),
                MqttPackets.pubrec(2),
                MqttPackets.pubcomp(2),
                MqttPackets.unsubscribe(4, "fuzz/+/x"),
                MqttPackets.pingreq(),
                MqttPackets.disconnect());
    }

    private static List<byte[]> mqtt311Persistent() {
        return List.of(
                ConnectPacket.mqtt311("fuzz-b").cleanSession(false).keepAliveSeconds(5).build(),
                MqttPackets.subscribe(9, "fuzz/#", 1),
                MqttPackets.publish("fuzz/retained", "kept", 1, 10, false, true),
                MqttPackets.publish("fuzz/retained", "", 0, 0, false, true),
                MqttPackets.publish("fuzz/dup", "again", 1, 10, true, false),
                MqttPackets.pingreq());
    }

    private static List<byte[]> mqtt31() {
        return List.of(
                ConnectPacket.mqtt311("fuzz-c").protocol("MQIsdp", 3).will("fuzz/will31", "bye", 2, true).build(),
                MqttPackets.subscribe(5, "fuzz/31", 2),
                MqttPackets.publish("fuzz/31", "three-one", 2, 6, false, false),
                MqttPackets.pubrel(6),
                MqttPackets.disconnect());
    }

    private static List<byte[]> mqtt5() {
        return List.of(
                WireBytes.create().string("MQTT").u8(5).u8(0x02 | 0x04 | 0x08 | 0x80 | 0x40).u16(30)
                        .properties(WireBytes.create().u8(0x21).u16(10).u8(0x22).u16(5).u8(0x27).u32(65536)
                                .u8(0x17).u8(1).u8(0x26).string("k").string("v"))
                        .string("fuzz-d")
                        .properties(WireBytes.create().u8(0x18).u32(0).u8(0x01).u8(1).u8(0x03).string("text/plain"))
                        .string("fuzz/will5").string("gone").string("user").string("secret")
                        .packet(0x10),
                WireBytes.create().u16(1)
                        .properties(WireBytes.create().u8(0x0B).variableInt(300).u8(0x26).string("a").string("b"))
                        .string("fuzz/5/+").u8(0x02 | 0x04 | 0x08 | 0x10).string("$share/g/fuzz/s").u8(1)
                        .packet(0x82),
                WireBytes.create().string("fuzz/5/x").u16(2)
                        .properties(WireBytes.create().u8(0x02).u32(60).u8(0x08).string("fuzz/reply")
                                .u8(0x09).u16(2).u8(1).u8(2).u8(0x01).u8(1))
                        .bytes("five".getBytes(java.nio.charset.StandardCharsets.UTF_8)).packet(0x32),
                WireBytes.create().string("fuzz/5/y").u16(3).properties(WireBytes.create())
                        .bytes(new byte[]{1, 2, 3}).packet(0x34),
                WireBytes.create().u16(3).u8(0).properties(WireBytes.create().u8(0x1F).string("ok")).packet(0x62),
                WireBytes.create().u16(1).u8(0x10).packet(0x40),
                WireBytes.create().u16(4).properties(WireBytes.create()).string("fuzz/5/+").packet(0xA2),
                MqttPackets.pingreq(),
                WireBytes.create().u8(0x04).properties(WireBytes.create().u8(0x11).u32(0).u8(0x1F).string("bye"))
                        .packet(0xE0));
    }

    private static List<byte[]> mqtt5WithAliasesAndAuth() {
        return List.of(
                WireBytes.create().string("MQTT").u8(5).u8(0x02).u16(0)
                        .properties(WireBytes.create().u8(0x11).u32(0)).string("fuzz-e").packet(0x10),
                WireBytes.create().string("fuzz/alias").properties(WireBytes.create().u8(0x23).u16(1))
                        .bytes(new byte[]{'a'}).packet(0x30),
                WireBytes.create().string("").properties(WireBytes.create().u8(0x23).u16(1))
                        .bytes(new byte[]{'b'}).packet(0x30),
                WireBytes.create().string("fuzz/alias").u16(7).properties(WireBytes.create().u8(0x23).u16(2))
                        .packet(0x33),
                WireBytes.create().u8(0x18).properties(WireBytes.create().u8(0x15).string("SCRAM")
                        .u8(0x16).u16(1).u8(7)).packet(0xF0),
                WireBytes.create().u8(0).packet(0xE0));
    }

    /** An enhanced authentication that reaches the broker's SCRAM-SHA-256 exchange, then a re-authentication. */
    private static List<byte[]> mqtt5Scram() {
        WireBytes method = WireBytes.create().u8(0x15).string("SCRAM-SHA-256");
        return List.of(
                WireBytes.create().string("MQTT").u8(5).u8(0x02).u16(0)
                        .properties(WireBytes.create().u8(0x15).string("SCRAM-SHA-256").u8(0x16)
                                .string("n,,n=fuzz,r=fuzznonce").u8(0x19).u8(1))
                        .string("fuzz-s").packet(0x10),
                WireBytes.create().u8(0x18).properties(WireBytes.create().u8(0x15).string("SCRAM-SHA-256")
                        .u8(0x16).string("c=biws,r=fuzznonce,p=AAAA")).packet(0xF0),
                WireBytes.create().u8(0x19).properties(WireBytes.create().u8(0x15).string("SCRAM-SHA-256")
                        .u8(0x16).string("n,,n=fuzz,r=again")).packet(0xF0),
                WireBytes.create().u8(0x18).properties(method).packet(0xF0),
                WireBytes.create().u8(0).packet(0xE0));
    }
}
