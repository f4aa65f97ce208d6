package dev.midge.serial.assertions;

import dev.midge.serial.SimulatedDevice;

/** Assertions on what the app wrote to a {@link SimulatedDevice}. */
public final class DeviceAssert extends AbstractDeviceAssert<DeviceAssert, SimulatedDevice> {

    DeviceAssert(SimulatedDevice actual) {
        super(actual, DeviceAssert.class);
    }

    @Override
    SimulatedDevice device() {
        return actual;
    }
}
