package dev.midge.junit;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The builder takes users in the annotation's {@code "name:password"} form.
 */
class BuilderUsersTest {

    @RegisterExtension
    static final MidgeExtension BROKER = MidgeExtension.builder().users("pi:raspberry", "dashboard:s3:cret").build();

    @Test
    void aUserWithItsPasswordConnects(MqttClients clients) throws Exception {
        assertThat(clients.v3("pi", credentials("pi", "raspberry")).isConnected()).isTrue();
    }

    @Test
    void thePasswordIsEverythingAfterTheFirstColon(MqttClients clients) throws Exception {
        assertThat(clients.v3("dashboard", credentials("dashboard", "s3:cret")).isConnected()).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedAsABadUserNameOrPassword(MqttClients clients) {
        assertThatThrownBy(() -> clients.v3("pi", credentials("pi", "wrong")))
                .isInstanceOfSatisfying(MqttException.class, refused ->
                        assertThat(refused.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
    }

    @Test
    void anEntryWithoutAPasswordSaysWhatToWriteInTheBuildersOwnWords() {
        assertThatThrownBy(() -> MidgeExtension.builder().users("bob"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("users(\"bob\") is not \"name:password\": write users(\"bob:password\")");
    }

    @Test
    void anEntryWithoutANameSaysWhatToWrite() {
        assertThatThrownBy(() -> MidgeExtension.builder().users(":secret"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("users(\":secret\") is not \"name:password\": write users(\"name:secret\")");
    }

    private static MqttConnectOptions credentials(String user, String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        return options;
    }
}
