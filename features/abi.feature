Feature: Host ABI rules, end to end through every engine
  Each scenario writes a small filler for one of the bundled contracts (vectors/contracts, see its
  README for the exports and encodings) into a scratch folder, fills it with `harness fill --out`
  (every engine must agree, or nothing is written) and checks the expected results in the filled
  vector against docs/abi.md. Transactions are numbered from 0, in one block at height 1.

  Byte strings (in the tables and after "output"): "text" is ASCII, 0x.. is hex (0x alone is empty),
  u32:N / i32:N are 4 bytes and u64:N 8 bytes little-endian, u64:h(N) is the recursion contract's
  h(N); parts written side by side are concatenated.

  Scenario: A revert rolls back the writes and events of the transaction and returns the message
    Given a filler for the bundled contract "reverter" with these transactions:
      | function           | input |
      | normal             |       |
      | revert_after_write |       |
      | read               | "a"   |
      | normal             |       |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output u64:1
    And tx 0 writes:
      | key | value |
      | "n" | u64:1 |
    And tx 0 changes the state root
    And tx 1 has status "revert", class "" and output "reverter: rolled back"
    And tx 1 has no events and no writes
    And tx 1 leaves the state root unchanged
    And tx 2 has status "ok", class "" and output 0x00
    And tx 3 has status "ok", class "" and output u64:2

  Scenario: A trap after a write leaves the state untouched
    Given a filler for the bundled contract "traps" with these transactions:
      | function        | input |
      | set             | "v1"  |
      | write_then_trap |       |
      | write_then_oob  |       |
      | abort_msg       |       |
      | get             |       |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output 0x
    And tx 0 writes:
      | key | value |
      | "k" | "v1"  |
    And tx 1 has status "trap", class "unreachable" and output 0x
    And tx 2 has status "trap", class "out_of_bounds_memory" and output 0x
    And tx 3 has status "trap", class "abort" and output "traps: boom"
    And tx 1 has no events and no writes
    And tx 2 has no events and no writes
    And tx 3 has no events and no writes
    And tx 1 leaves the state root unchanged
    And tx 2 leaves the state root unchanged
    And tx 3 leaves the state root unchanged
    And tx 4 has status "ok", class "" and output "v1"

  Scenario: storage_read of an absent key returns -1
    Given a filler for the bundled contract "kvstore" with these transactions:
      | function | input                  |
      | len      | "nokey"                |
      | len      | "abc"                  |
      | put      | u32:3 "new" "value"    |
      | len      | "new"                  |
      | len      | ""                     |
    And the contract's storage initially holds:
      | key   | value   |
      | "abc" | "hello" |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output i32:-1
    And tx 1 has status "ok", class "" and output i32:5
    And tx 2 has status "ok", class "" and output i32:-1
    And tx 3 has status "ok", class "" and output i32:5
    And tx 4 has status "ok", class "" and output i32:-1
    And tx 0 has no events and no writes

  Scenario: Removing an absent key appears in the write set as deleted
    Given a filler for the bundled contract "kvstore" with these transactions:
      | function | input   |
      | delete   | "ghost" |
      | delete   | "abc"   |
      | len      | "abc"   |
    And the contract's storage initially holds:
      | key   | value   |
      | "abc" | "hello" |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output 0x00
    And tx 0 writes:
      | key     | value     |
      | "ghost" | (deleted) |
    And tx 0 emits no events
    And tx 0 leaves the state root unchanged
    And tx 1 has status "ok", class "" and output 0x01
    And tx 1 writes:
      | key   | value     |
      | "abc" | (deleted) |
    And tx 1 emits, in this order:
      | topic       | data  |
      | "kv.delete" | "abc" |
    And tx 1 changes the state root
    And tx 2 has status "ok", class "" and output i32:-1

  Scenario: The write set names each key once, with its last value, in byte order
    Given a filler for the bundled contract "kvstore" with these transactions:
      | function | input                                                                            |
      | put_many | u32:2 "zz" u32:1 "1" u32:2 "aa" u32:1 "2" u32:1 "m" u32:1 "3" u32:2 "zz" u32:1 "4" |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output u32:4
    And tx 0 writes:
      | key  | value |
      | "aa" | "2"   |
      | "m"  | "3"   |
      | "zz" | "4"   |

  # recursion.depth_events: frame k (k = d down to 1; frame 0 returns a constant without emitting)
  # emits topic "recursion.frame", data u32 k || u64 h(k), when k % 100 == 0, on the way back up.
  # The expected h(k) values are computed in the step definitions from the formula in the
  # contract's README, not taken from a run.
  Scenario: Events are listed in emission order
    Given a filler for the bundled contract "recursion" with these transactions:
      | function     | input   |
      | depth_events | u32:350 |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output u64:h(350)
    And tx 0 emits a "recursion.frame" event for the frames 100, 200, 300, in this order, each with data u32 k and u64 h(k)
