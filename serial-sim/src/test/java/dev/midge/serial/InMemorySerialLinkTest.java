package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemorySerialLinkTest extends SerialLinkContract {

    private InMemorySerialLink link;

    @Override
    SerialLink openLink() {
        link = InMemorySerialLink.create(READ_TIMEOUT);
        return link;
    }

    @Override
    SimulatedDevice device() {
        return link.device();
    }

    @Override
    void hangUp() {
        link.hangUp();
    }

    @Override
    void closeDevice() {
        link.close();
    }

    @Test
    void deviceCannotSendAfterTheHangUp() {
        link.hangUp();

        assertThatThrownBy(() -> link.device().sendLine("lost")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hung up");
    }

    @Test
    void appCannotReadAfterClosingTheLink() {
        link.close();

        assertThatThrownBy(() -> link.input().read()).hasMessageContaining("closed");
    }
}
