package io.onekey.device.protocol.dc09;

import io.onekey.device.session.InvalidFrame;

/** A message that is not accepted: why (counted and logged), and what the panel is told. */
public record Dc09Refusal(InvalidFrame reason, Dc09Answer answer) {
}
