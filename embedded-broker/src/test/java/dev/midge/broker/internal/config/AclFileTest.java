package dev.midge.broker.internal.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AclFileTest {

    @TempDir
    Path dir;

    @Test
    void topicsBeforeAnyUserLineApplyToClientsWithoutUserName() throws IOException {
        AclFile acl = read("""
                topic read public/#
                user pi
                topic readwrite raspberry/#
                """);

        assertThat(acl.canSubscribe("c", null, "public/news")).isTrue();
        assertThat(acl.canPublish("c", null, "public/news")).as("read only").isFalse();
        assertThat(acl.canPublish("c", null, "raspberry/topic")).isFalse();
        assertThat(acl.canPublish("c", "pi", "raspberry/topic")).isTrue();
        assertThat(acl.canSubscribe("c", "pi", "public/news")).as("pi has only its own section").isFalse();
    }

    @Test
    void aTopicWithoutAccessTypeIsReadAndWrite() throws IOException {
        AclFile acl = read("topic sensors/+/temperature\n");

        assertThat(acl.canPublish("c", null, "sensors/kitchen/temperature")).isTrue();
        assertThat(acl.canSubscribe("c", null, "sensors/kitchen/temperature")).isTrue();
        assertThat(acl.canPublish("c", null, "sensors/kitchen/humidity")).isFalse();
    }

    @Test
    void writeOnlyAllowsPublishingButNotSubscribing() throws IOException {
        AclFile acl = read("topic write commands/#\n");

        assertThat(acl.canPublish("c", null, "commands/reboot")).isTrue();
        assertThat(acl.canSubscribe("c", null, "commands/#")).isFalse();
    }

    @Test
    void aSubscriptionMustLieWhollyWithinWhatOneRuleAllows() throws IOException {
        AclFile acl = read("topic read sensors/+/temperature\ntopic read status/#\n");

        assertThat(acl.canSubscribe("c", null, "sensors/+/temperature")).isTrue();
        assertThat(acl.canSubscribe("c", null, "sensors/kitchen/temperature")).isTrue();
        assertThat(acl.canSubscribe("c", null, "status")).as("# covers its parent level").isTrue();
        assertThat(acl.canSubscribe("c", null, "status/+/x/#")).isTrue();
        assertThat(acl.canSubscribe("c", null, "sensors/#")).isFalse();
        assertThat(acl.canSubscribe("c", null, "sensors/kitchen/+")).isFalse();
        assertThat(acl.canSubscribe("c", null, "#")).isFalse();
    }

    @Test
    void aDenyWinsOverABroaderGrantWhateverItsPlace() throws IOException {
        AclFile acl = read("""
                topic readwrite #
                topic deny test/nosubscribe
                """);

        assertThat(acl.canSubscribe("c", null, "test/nosubscribe")).isFalse();
        assertThat(acl.canPublish("c", null, "test/nosubscribe")).isFalse();
        assertThat(acl.canSubscribe("c", null, "test/+")).as("only partly denied").isTrue();
        assertThat(acl.canSubscribe("c", null, "#")).isTrue();
        assertThat(acl.canPublish("c", null, "test/other")).isTrue();
    }

    @Test
    void aDenyDeniesOutrightWhileAFilterNoRuleGrantsIsOnlyNotGranted() throws IOException {
        AclFile acl = read("""
                topic readwrite sensors/#
                topic deny sensors/secret
                """);

        assertThat(acl.deniesSubscription("c", null, "sensors/secret")).isTrue();
        assertThat(acl.deniesSubscription("c", null, "$share/g/sensors/secret")).isTrue();
        assertThat(acl.canSubscribe("c", null, "commands/#")).isFalse();
        assertThat(acl.deniesSubscription("c", null, "commands/#")).as("not granted, not denied").isFalse();
        assertThat(acl.deniesSubscription("c", null, "sensors/#")).as("only partly denied").isFalse();
    }

    @Test
    void aMessageIsReceivedWhereAReadRuleMatchesItsTopicAndNoDenyDoes() throws IOException {
        AclFile acl = read("""
                topic read sensors/#
                topic write commands/#
                topic deny sensors/secret
                """);

        assertThat(acl.canReceive("c", null, "sensors/kitchen")).isTrue();
        assertThat(acl.canReceive("c", null, "sensors/secret")).isFalse();
        assertThat(acl.canReceive("c", null, "commands/reboot")).as("write only").isFalse();
        assertThat(acl.canReceive("c", null, "elsewhere")).isFalse();
    }

    @Test
    void aPatternWithoutPlaceholdersIsARuleForEveryClient() throws IOException {
        AclFile acl = read("""
                pattern readwrite #
                pattern deny test/nosubscribe
                """);

        assertThat(acl.canSubscribe("c", "myusername", "test/nosubscribe")).isFalse();
        assertThat(acl.canSubscribe("c", null, "test/nosubscribe")).isFalse();
        assertThat(acl.canSubscribe("c", "myusername", "#")).isTrue();
        assertThat(acl.canPublish("c", null, "TopicA/B")).isTrue();
    }

    @Test
    void patternsApplyToEveryClientWithItsClientIdAndUserName() throws IOException {
        AclFile acl = read("""
                user pi
                topic read public/#
                pattern write devices/%c/status
                pattern readwrite users/%u/#
                """);

        assertThat(acl.canPublish("sensor-1", "pi", "devices/sensor-1/status")).isTrue();
        assertThat(acl.canPublish("sensor-1", "pi", "devices/sensor-2/status")).isFalse();
        assertThat(acl.canSubscribe("sensor-1", "pi", "users/pi/#")).isTrue();
        assertThat(acl.canSubscribe("sensor-1", "pi", "users/+/#")).isFalse();
        assertThat(acl.canPublish("sensor-1", null, "devices/sensor-1/status")).as("anonymous too").isTrue();
        assertThat(acl.canPublish("sensor-1", null, "users/null/x")).as("%u needs a user name").isFalse();
    }

    @Test
    void aNameWithWildcardsOrSlashesNeverWidensAPattern() throws IOException {
        AclFile acl = read("pattern readwrite devices/%c/#\n");

        assertThat(acl.canSubscribe("#", null, "devices/#")).isFalse();
        assertThat(acl.canPublish("a/b", null, "devices/a/b/x")).isFalse();
        assertThat(acl.canPublish("+", null, "devices/other/x")).isFalse();
    }

    @Test
    void aPatternPlaceholderInsideALevelIsLiteral() throws IOException {
        AclFile acl = read("pattern readwrite devices/id-%c\n");

        assertThat(acl.canPublish("pi", null, "devices/id-pi")).isFalse();
        assertThat(acl.canPublish("pi", null, "devices/id-%c")).isTrue();
    }

    @Test
    void sharedSubscriptionsAreCheckedOnTheirFilter() throws IOException {
        AclFile acl = read("topic read jobs/#\n");

        assertThat(acl.canSubscribe("c", null, "$share/workers/jobs/#")).isTrue();
        assertThat(acl.canSubscribe("c", null, "$share/workers/other/#")).isFalse();
    }

    @Test
    void aLeadingWildcardDoesNotCoverSystemTopics() throws IOException {
        AclFile acl = read("topic read #\n");

        assertThat(acl.canSubscribe("c", null, "$SYS/#")).isFalse();
        assertThat(read("topic read #\ntopic read $SYS/#\n").canSubscribe("c", null, "$SYS/broker/uptime")).isTrue();
    }

    @Test
    void aClientWithoutAnyRuleMayDoNothing() throws IOException {
        AclFile acl = read("user pi\ntopic #\n");

        assertThat(acl.canPublish("c", "guest", "a")).isFalse();
        assertThat(acl.canSubscribe("c", "guest", "a")).isFalse();
    }

    @Test
    void anInvalidFilterIsReportedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("acl"), "# rules\ntopic read sensors/#/x\n");

        assertThatThrownBy(() -> AclFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: '#' must be the last level: sensors/#/x");
    }

    @Test
    void aRuleWithoutFilterIsReportedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("acl"), "topic deny\n");

        assertThatThrownBy(() -> AclFile.read(file)).hasMessageStartingWith(file + ":1: a topic filter must not be "
                + "empty");
    }

    private AclFile read(String content) throws IOException {
        return AclFile.read(Files.writeString(dir.resolve("acl"), content));
    }
}
