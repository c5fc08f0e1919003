package io.ecliptica.harness.exec;

/** The block fields a call can observe: height and time (seconds), both set by the block. */
public record BlockHeader(long height, long time) {
}
