Feature: Replaying a chain
  `harness replay CHAIN` runs every block of a chain file (docs/chain-format.md) on every engine and
  checks each block's state root, receipts root and gas used against the other engines and against
  the recording. It stops at the first block that does not agree and pins it down to a transaction,
  and for a divergence between engines, to the first differing host call. Exit code 0 when all
  agree, 1 at a divergence or mismatch, 2 for a malformed chain file. `--json` prints the same
  verdict as JSON (docs/chain-format.md §7.1) and `--report FILE` writes it to a file.

  Background:
    Given a token chain of 6 blocks of 20 transactions generated with seed 11 on engines "chicory-interpreter,wasmtime"

  Scenario: A faithful chain replays with every engine agreeing
    When I replay the chain on engines "chicory-interpreter,wasmtime"
    Then the exit code is 0
    And stdout says every engine agrees, with the final state root of the chain's end line
    And nothing is printed on stderr

  Scenario: A chain whose recorded root was altered at block B stops at B and names the transaction
    Given in the chain, the recorded state root of block 4 is altered
    When I replay the chain on engines "chicory-interpreter,wasmtime"
    Then the exit code is 1
    And stdout reports a mismatch of the state root at block 4, naming transaction 19

  Scenario: The replay report as JSON names the mismatching block and transaction
    Given in the chain, the recorded state root of block 4 is altered
    When I replay the chain on engines "chicory-interpreter,wasmtime" with a JSON report, also written to a file
    Then the exit code is 1
    And stdout is a JSON mismatch of the state root at block 4 naming transaction 19, identical to the report file

  Scenario: The JSON report of a faithful chain carries the final state root
    When I replay the chain on engines "chicory-interpreter,wasmtime" with a JSON report, also written to a file
    Then the exit code is 0
    And stdout is a JSON verdict "agreed" with the final state root of the chain's end line

  Scenario: An engine that alters one storage write is caught at its first differing host call
    When I replay the chain on "chicory-interpreter" beside an engine that alters the value of storage write number 30
    Then the replay reports a divergence at a transaction
    And the first differing host call is a storage_write storing the original value on "chicory-interpreter" and the altered value on the tamperer
    And the last agreeing host call is the call just before it
    And the JSON report names the same first differing host call of "chicory-interpreter" and the tamperer, with both values whole

  Scenario: Replay resumes from the nearest checkpoint to the same final root
    When I replay the chain on engines "wasmtime" with a checkpoint every 2 blocks
    Then the checkpoints of blocks 2, 4 and 6 exist
    When I replay the chain on engines "wasmtime" from block 4
    Then the exit code is 0
    And stdout says the replay resumed from the checkpoint of block 2, with the same final state root as the first replay

  Scenario: The chain replays on the RocksDB state store to the recorded roots
    When I replay the chain on engines "chicory-interpreter,wasmtime" with the state store "rocksdb"
    Then the exit code is 0
    And stdout says every engine agrees, with the final state root of the chain's end line
    And nothing is printed on stderr

  Scenario: An unknown state store is refused with one line
    When I replay the chain on engines "wasmtime" with the state store "disk"
    Then the exit code is 2
    And stderr is exactly one line saying "--state-store must be memory, rocksdb or rocksdb:DIR"
    And no stack trace is printed

  Scenario: A machine where RocksDB's native library cannot load gets one line and exit 3
    When I replay the chain through the launcher on engines "chicory-interpreter" with the state store "rocksdb" on a machine where RocksDB's native library cannot load
    Then the exit code is 3
    And stderr is exactly one line saying "the RocksDB state store cannot be used on this machine"
    And no stack trace is printed

  Scenario: A malformed chain file is refused with one line
    Given in the chain, the line of block 3 is cut short
    When I replay the chain on engines "wasmtime"
    Then the exit code is 2
    And stderr is exactly one line, naming the file "token.jsonl"
    And no stack trace is printed

  Scenario: The replay benchmark prints throughput per engine and the harness overhead
    When I run the replay benchmark on engines "chicory-interpreter,wasmtime" with 4 blocks of 10 transactions
    Then the exit code is 0
    And stdout has a tx/s figure for "chicory-interpreter" and for "wasmtime"
    And stdout reports the harness overhead against the 1.10 target
