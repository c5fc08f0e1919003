package io.ecliptica.engine.graalwasm;

/**
 * One running {@code call}: the thread executing it and whether an interrupt was asked for. A new
 * token per call keeps a late interrupt from leaking into the next call.
 */
final class CallToken {
    final Thread thread;
    volatile boolean interruptRequested;

    CallToken(Thread thread) {
        this.thread = thread;
    }
}
