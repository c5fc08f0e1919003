/**
 * Engine adapter for Wasmtime 7.0.1 (cranelift, native code) through wasmtime-java 0.19.0 (JNI).
 *
 * <p>How the engine-neutral contract maps onto the binding:
 * <ul>
 *   <li><b>Configuration</b> ({@link io.ecliptica.engine.wasmtime.WasmtimeEngine}): SIMD, threads,
 *       reference types off (multi-memory is off by default and has no switch); bulk memory and
 *       multi-value on; NaN canonicalization per {@link io.ecliptica.engine.wasmtime.WasmtimeSettings}
 *       (off for {@code wasmtime}); epoch interruption on; {@code max_wasm_stack} 2 MiB, the most
 *       the binding allows.</li>
 *   <li><b>Compile</b>: {@code Module.fromBinary} (the plain constructor would also take the text
 *       format). The binding lists neither exports nor function types, so
 *       {@link io.ecliptica.engine.wasmtime.ModuleInfo} reads them from the validated binary.
 *       A start function is turned into a hidden export ({@link io.ecliptica.engine.wasmtime.StartRewriter})
 *       and called after {@code new Instance}: only {@code Func.call} reports trap codes.</li>
 *   <li><b>Instances</b> live in {@link io.ecliptica.engine.wasmtime.SharedStore}s, each with the
 *       module's host functions created once (the binding compiles a trampoline per host function),
 *       and each instance with its own memory, globals and tables.</li>
 *   <li><b>Traps</b> ({@link io.ecliptica.engine.wasmtime.Traps}): from wasmtime's trap code; its
 *       single table-bounds code is split into "undefined element" / "out of bounds table access"
 *       by the instructions the module contains.</li>
 *   <li><b>Host functions</b> ({@link io.ecliptica.engine.wasmtime.HostBridge}): the binding loses
 *       host exceptions, so a per-instance side channel keeps the first one for rethrowing.</li>
 *   <li><b>Interrupt</b>: engine epoch + a per-instance flag; <b>stack</b>: checked against the
 *       thread's real stack before entering wasm ({@link io.ecliptica.engine.wasmtime.StackGuard}).</li>
 * </ul>
 */
package io.ecliptica.engine.wasmtime;
