package io.onekey.dispatcher.intake;

import io.onekey.dispatcher.directory.Directory;

import io.onekey.device.event.Protocol;
import io.onekey.device.session.DeviceAdmission;

/**
 * Admits registered devices; with the commissioning switch on, registers unknown ones as
 * unassigned instead of refusing them.
 */
public final class DirectoryAdmission implements DeviceAdmission {

    private final Directory directory;
    private final boolean acceptUnknownDevices;

    public DirectoryAdmission(Directory directory, boolean acceptUnknownDevices) {
        this.directory = directory;
        this.acceptUnknownDevices = acceptUnknownDevices;
    }

    @Override
    public Verdict admit(Protocol protocol, String deviceId) {
        if (directory.device(protocol, deviceId).isPresent()) {
            return Verdict.ADMITTED;
        }
        if (acceptUnknownDevices) {
            directory.registerUnassigned(protocol, deviceId);
            return Verdict.COMMISSIONED;
        }
        return Verdict.REFUSED;
    }
}
