package io.onekey.device.protocol.gt06;

/** The acknowledgement a device expects: its protocol number and serial echoed. */
public record Gt06Answer(int protocol, int serial) {
}
