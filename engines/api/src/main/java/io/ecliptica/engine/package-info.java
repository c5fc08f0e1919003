/**
 * The narrow interface between the harness and a WebAssembly engine.
 *
 * <p>Adapter contract (checked for every engine by the {@code engine-tck} test-kit; the full
 * guide for adapter authors is {@code engines/README.md}):
 * <ul>
 *   <li>{@code compile}: malformed or invalid bytes give {@link io.ecliptica.engine.ModuleRejectedException}, nothing else.</li>
 *   <li>{@code instantiate}: fresh state each time; unused imports ignored; a missing or mistyped
 *       import gives {@link io.ecliptica.engine.LinkException} ({@code UNKNOWN_IMPORT}); a trap while
 *       instantiating gives {@link io.ecliptica.engine.WasmTrapException}.</li>
 *   <li>{@code call}: missing export / wrong arguments give {@link io.ecliptica.engine.LinkException};
 *       traps are normalized to {@link io.ecliptica.engine.TrapKind} (a JVM stack overflow is
 *       {@code CALL_STACK_EXHAUSTED}); results keep exact raw bits, NaN payloads included.</li>
 *   <li>Host functions see the calling instance's memory export {@code "memory"}; an exception a
 *       host function throws comes out of {@code call} as the same object, unwrapped.</li>
 *   <li>{@code interrupt()} from another thread ends a running call soon with
 *       {@link io.ecliptica.engine.ExecutionInterruptedException}.</li>
 *   <li>An engine is driven by one worker thread at a time, created with a large explicit stack.</li>
 * </ul>
 */
package io.ecliptica.engine;
