package io.onekey.device.session;

/**
 * A frame that could not be used, passed down the pipeline as data instead of an exception so
 * that it is counted, answered where the protocol allows, and logged without a stack trace.
 *
 * @param reason a short, stable, metric-friendly reason such as {@code bad-length} or
 *               {@code too-long}
 * @param detail what a human needs to see in a log line; never contains secrets
 */
public record InvalidFrame(String reason, String detail) {
}
