Feature: Fuzzing campaigns
  `harness fuzz --seed S --out DIR [--time D] [--cases N] [--shard i/n] [--engines ...]` runs cases
  derived from (seed, case index) on every engine, each engine in its own worker process, and
  judges them with the oracle `verify` uses. Every divergence, crash or hang is saved under DIR at
  once, grouped by signature, and minimized to a vector that `verify` reproduces
  (docs/fuzzing.md). Exit codes: 0 no findings or only known ones (`--known FILE`), 1 a finding
  with a new signature, 2 bad usage or registry, 3 internal error.

  The stand-in bug engines are test-only wrappers of chicory-interpreter with one deliberate bug
  each, usable by name only: bug-shl (i32.shl rotates), bug-rem-s (i32.rem_s ignores the sign),
  bug-skip-write (a storage write of an empty value is dropped), bug-crash (the JVM halts on
  storage_remove). The scenarios call only the small test contract arith.wat (shl, rem, store,
  clear): no generated modules (`--generated 0`), so each scenario's cases are few and quick.

  Scenario Outline: A short campaign finds the stand-in bug <engine>, reports it once and minimizes it to a vector verify reproduces
    Given the fuzzing test contracts in a scratch folder
    When I fuzz 40 cases of seed 7 in process on "chicory-interpreter,<engine>"
    Then the exit code is 1
    And the summary reports exactly one distinct bug, on field "<field>", between "chicory-interpreter" and "<engine>"
    And every occurrence of the bug is counted under that one bug
    And its reproducer has one transaction
    When I verify the reproducer on "chicory-interpreter,<engine>"
    Then the exit code is 1
    And the report has a divergence on field "<field>"
    When I verify the reproducer on "chicory-interpreter,wasmtime"
    Then the exit code is 0

    Examples:
      | engine         | field   |
      | bug-rem-s      | results |
      | bug-skip-write | writes  |

  Scenario: Two shards of one campaign never run the same case
    Given the fuzzing test contracts in a scratch folder
    When I fuzz 5 cases of seed 3 in process on "chicory-interpreter" as shard 0/2
    And I fuzz 5 cases of seed 3 in process on "chicory-interpreter" as shard 1/2
    Then the two shards ran the cases "0, 2, 4, 6, 8" and "1, 3, 5, 7, 9"

  Scenario: A crashing engine is a finding, the campaign goes on, and killing the campaign loses no finding
    Given the fuzzing test contracts in a scratch folder
    When I start a campaign of seed 5 on "chicory-interpreter,bug-crash" in its own JVM with worker processes
    And the first finding appears on disk
    And I kill the campaign's JVM
    Then the finding's bug file names a crash of "bug-crash"
    And every case the bug file lists is saved as a filler that calls "clear"
    And the case that was running when the campaign died is saved as a filler

  Scenario: A campaign sent SIGTERM stops promptly, writes its summary and loses no finding
    Given the fuzzing test contracts in a scratch folder
    When I start a campaign of seed 7 on "chicory-interpreter,bug-skip-write" in its own JVM with worker processes and minimization
    And the first finding appears on disk
    And I send the campaign SIGTERM
    Then the campaign exits within 30 seconds with code 1
    And its summary on disk says it was stopped by a signal
    And every finding on disk at the signal is in the summary, at least as often, with its cases and bug file
    And no worker process of the campaign is left running

  Scenario: A bug the team already knows is saved and counted, but reported as known and does not fail the campaign
    Given the fuzzing test contracts in a scratch folder
    When I fuzz 40 cases of seed 7 in process on "chicory-interpreter,bug-rem-s"
    Then the exit code is 1
    And the summary counts 1 new and 0 known bugs
    Given a known-findings registry "known.json" with an entry "rem-s-unsigned" for the signature "results: [chicory-interpreter] vs [bug-rem-s]; outcomes ok / ok" and that campaign's reproducer
    When I fuzz 40 cases of seed 7 in process on "chicory-interpreter,bug-rem-s" with the known findings "known.json"
    Then the exit code is 0
    And the summary counts 0 new and 1 known bugs
    And the bug is reported as the known finding "rem-s-unsigned", with as many findings as the first campaign and its cases saved
    And the progress on stderr names it as a known bug

  Scenario: A known-findings registry that cannot be used is refused with one line
    Given a known-findings registry "known.json" whose entry has the key "hostcall" instead of "hostCall"
    When I fuzz 1 case with the known findings "known.json"
    Then the exit code is 2
    And stderr is exactly one line, naming the file "known.json"
    And no stack trace is printed

  Scenario: A campaign without a budget is refused
    When I run "harness fuzz --out target/never-written"
    Then the exit code is 2
    And no stack trace is printed
