Feature: The deterministic execution profile makes engines agree where WebAssembly lets them differ
  Under the profile "none" the engines run modules as given, and they legitimately differ on stack
  depth and NaN bits; under "ecliptica-v1" every module is gated and instrumented once (docs/gas.md)
  and every engine gives the same result and the same gas. Contracts: vectors/contracts/metering
  and vectors/contracts/nan.

  Scenario: Deep recursion: raw engines disagree, the profile makes them trap at the same depth and gas
    When I run the contract "metering" export "deep" with args "300000" under profile "none"
    Then the exit code is 1
    And the engines disagree on the field "status"
    When I run the contract "metering" export "deep" with args "300000" under profile "ecliptica-v1"
    Then the exit code is 0
    And every engine reports status "trap" and class "call_stack_exhausted"
    And every engine reports the same gas used, more than 0

  Scenario: A NaN result differs between engines under "none" and is canonical under "ecliptica-v1"
    When I run the contract "nan" export "div0" under profile "none" on engines "chicory-interpreter,chicory-compiler,wasmtime,graalwasm,wasmtime-nancanon"
    Then the exit code is 1
    And the engines disagree on the field "results"
    And engine "wasmtime-nancanon" reports results "[f32:0x7fc00000]"
    When I run the contract "nan" export "div0" under profile "ecliptica-v1" on engines "chicory-interpreter,chicory-compiler,wasmtime,graalwasm,wasmtime-nancanon"
    Then the exit code is 0
    And every engine reports results "[f32:0x7fc00000]"

  Scenario: Wasmtime's own NaN flag misses f32.demote_f64; the injected canonicalization does not
    When I run the contract "nan" export "demote" under profile "none" on engines "wasmtime-nancanon"
    Then engine "wasmtime-nancanon" reports results "[f32:0x7fe00000]"
    When I run the contract "nan" export "demote" under profile "ecliptica-v1" on engines "chicory-interpreter,chicory-compiler,wasmtime,graalwasm,wasmtime-nancanon"
    Then the exit code is 0
    And every engine reports results "[f32:0x7fc00000]"

  Scenario: Out of gas exactly at the limit and one unit below
    When I run the contract "metering" export "burn" with args "1000" under profile "ecliptica-v1"
    Then the exit code is 0
    And every engine reports the same gas used, more than 0
    When I run it again with the gas limit set to the gas it used
    Then every engine reports status "ok" and class ""
    And every engine reports results "[i32:1000]"
    When I run it again with the gas limit set to one unit less than the gas it used
    Then every engine reports status "trap" and class "out_of_gas"
    And every engine reports a gas used equal to the gas limit

  # docs/gas.md weights: the loop body is two metered blocks, local.get local.get i32.ge_u br_if
  # (1+1+1+1) and local.get i32.const i32.add local.set br (1+1+1+1+1): 9 per iteration.
  Scenario: One more loop iteration costs what the cost table says
    When I run the contract "metering" export "burn" with args "1000" under profile "ecliptica-v1"
    And I note the gas used
    When I run the contract "metering" export "burn" with args "1001" under profile "ecliptica-v1"
    Then every engine reports a gas used 9 more than noted

  Scenario: An infinite loop ends by gas, the same way on every engine
    When I run the contract "metering" export "spin" with gas limit 1000000 under profile "ecliptica-v1"
    Then the exit code is 0
    And every engine reports status "trap" and class "out_of_gas"
    And every engine reports a gas used equal to the gas limit

  Scenario: memory.grow past the platform's 1024 pages fails the same way everywhere
    When I run the contract "metering" export "grow" with args "2000" under profile "none"
    Then every engine reports results "[i32:1]"
    When I run the contract "metering" export "grow" with args "2000" under profile "ecliptica-v1"
    Then the exit code is 0
    And every engine reports results "[i32:-1]"

  # The module generator's reproducer (docs/engine-quirks.md), as wat2wasm encodes it:
  # (module (memory 1 3) (data (i32.const 3173) "\de")
  #   (func (export "f0") (memory.init 0 (i32.const 206) (i32.const 1) (i32.const 0))))
  # Instantiation drops the active segment (length 0), so copying 1 byte from it traps; Chicory keeps
  # it. The profile names an appended empty passive segment instead (docs/gas.md §15).
  Scenario: Chicory keeps active data segments under none; the profile makes every engine trap
    Given a module file "segment.wasm" in a scratch folder with the bytes "0061736d010000000104016000000302010005040101010307060102663000000c01010a0f010d0041ce0141014100fc0800000b0b08010041e5180b01de"
    When I run the module's export "f0" under profile "none" on engines "chicory-interpreter,chicory-compiler,wasmtime,graalwasm"
    Then the exit code is 1
    And the engines disagree on the field "status"
    And engine "chicory-interpreter" reports status "ok" and class ""
    And engine "chicory-compiler" reports status "ok" and class ""
    And engine "wasmtime" reports status "trap" and class "out_of_bounds_memory"
    And engine "graalwasm" reports status "trap" and class "out_of_bounds_memory"
    When I run the module's export "f0" under profile "ecliptica-v1" on engines "chicory-interpreter,chicory-compiler,wasmtime,graalwasm"
    Then the exit code is 0
    And every engine reports status "trap" and class "out_of_bounds_memory"
    And every engine reports the same gas used, more than 0

  # The module is (func (export "f") (drop (v128.const i32x4 0 0 0 0))): 8 bytes of header, a
  # 6-byte type section, a 4-byte function section, a 7-byte export section, then the code section
  # id, size, body count, body size and local-declaration count put the 0xfd prefix at offset 30.
  Scenario: A module using SIMD is rejected by ecliptica-v1 with a clear message
    Given a module file "simd.wasm" in a scratch folder with the bytes "0061736d0100000001040160000003020100070501016600000a17011500fd0c000000000000000000000000000000001a0b"
    When I run the module's export "f" under profile "ecliptica-v1"
    Then the exit code is 0
    And every engine reports status "invalid" and class "rejected_by_profile"
    And every engine reports an output that reads "invalid: simd at offset 30"

  Scenario: Fuel drift fails verification even when all engines agree
    Given a copy of the bundled vector "metering.json" in a scratch folder
    And in the copy, the gasUsed of block 0 tx 2 is one more
    When I verify the copy
    Then the exit code is 1
    And the report has exactly one mismatch, at block 0, tx 2, field "gasUsed"

  Scenario: A vector filled under another cost table must be re-filled
    Given a copy of the bundled vector "metering.json" in a scratch folder
    And in the copy, the costTableHash is replaced
    When I verify the copy
    Then the exit code is 1
    And the copy is reported as FAIL
    And the output names the field "costTableHash"

  # cosmwasm-gatekeeper (docs/gas.md): CosmWasm's gatekeeper denies bulk memory, and every operator
  # costs a flat 150,000; one iteration of the burn loop is 9 operators (see the scenario above).
  Scenario: The CosmWasm-style profile refuses bulk memory and charges a flat cost per operator
    When I run the contract "bulkmem" export "run" with args "" under profile "cosmwasm-gatekeeper"
    Then the exit code is 0
    And every engine reports status "invalid" and class "rejected_by_profile"
    And every engine reports an output that reads "invalid: bulk-memory at offset"
    When I run the contract "metering" export "burn" with args "10" under profile "cosmwasm-gatekeeper"
    And I note the gas used
    When I run the contract "metering" export "burn" with args "11" under profile "cosmwasm-gatekeeper"
    Then every engine reports a gas used 1350000 more than noted
