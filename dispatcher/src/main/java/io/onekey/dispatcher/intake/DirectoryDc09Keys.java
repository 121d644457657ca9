package io.onekey.dispatcher.intake;

import io.onekey.dispatcher.directory.Device;
import io.onekey.dispatcher.directory.Directory;

import io.onekey.device.event.Protocol;
import io.onekey.device.protocol.dc09.Dc09Keys;
import java.util.Optional;

/** DC-09 keys from the directory: the key registered with the panel's account. */
public final class DirectoryDc09Keys implements Dc09Keys.Lookup {

    private final Directory directory;

    public DirectoryDc09Keys(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<byte[]> keyFor(String account) {
        return directory.device(Protocol.DC09, account).map(Device::dc09Key).map(Dc09Keys::parse);
    }
}
