package io.onekey.device.session;

import io.onekey.device.event.Protocol;

/**
 * Decides whether frames from a device are accepted. Called on a Netty event loop for every
 * frame, so an implementation answers from memory and never blocks.
 */
@FunctionalInterface
public interface DeviceAdmission {

    Verdict admit(Protocol protocol, String deviceId);

    enum Verdict {
        /** A registered device. */
        ADMITTED,
        /** Unknown, but the commissioning switch registered it as an unassigned device. */
        COMMISSIONED,
        /** Unknown: its frames produce no events. */
        REFUSED;

        public boolean accepted() {
            return this != REFUSED;
        }
    }

    /** Admits everything; for codec tests and tools. */
    DeviceAdmission ADMIT_ALL = (protocol, deviceId) -> Verdict.ADMITTED;
}
