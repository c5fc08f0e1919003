Feature: Verifying filled vectors
  `harness verify PATH...` replays filled vectors on every engine. Engines must agree with each
  other and with every expected field; the report names the first difference: the vector file,
  the block, the transaction (or the block itself), the field, the expected value and every
  engine's value. Exit codes: 0 all agree, 1 divergence or mismatch, 2 unreadable input.

  The bundled vectors are vectors/fixtures; until that folder exists, the steps fill
  vectors/fillers into a temporary folder with `harness fill --out` and use those.

  Scenario: Every bundled vector agrees on all engines
    Given the bundled vectors
    When I verify the bundled vectors
    Then the exit code is 0
    And every bundled vector is reported as PASS, by file name
    And the summary says every bundled vector passed
    And there is a bundled vector for every filler in vectors/fillers

  # vectors/contracts holds tool JSON (package.json, package-lock.json, node_modules): a directory
  # scan skips JSON that does not claim to be a vector, and node_modules and hidden folders.
  Scenario: Verifying the whole vectors folder checks the fixtures and skips everything else
    Given the bundled vectors are committed in vectors/fixtures
    When I verify the folder "vectors"
    Then the exit code is 0
    And nothing is printed on stderr
    And every bundled vector is reported as PASS, by file name

  Scenario Outline: A tampered expectation is reported as a mismatch naming the place and the field: <place>
    Given a copy of the bundled vector "counter.json" in a scratch folder
    And in the copy, one hex digit of <place> is changed
    When I verify the copy
    Then the exit code is 1
    And the copy is reported as FAIL
    And the report has exactly one mismatch, at <location>
    And the mismatch shows the changed value as expected
    And the mismatch shows the original value for every engine

    Examples:
      | place                                        | location                                   |
      | blocks[1].expect.stateRoot                   | block 1, block-level, field "stateRoot"    |
      | blocks[1].transactions[2].expect.stateRoot   | block 1, tx 2, field "stateRoot"           |
      | blocks[0].transactions[1].expect.output      | block 0, tx 1, field "output"              |

  Scenario Outline: A broken vector file is reported on one line, and the other vectors are still verified: <damage>
    Given copies of the bundled vectors "counter.json" and "traps.json" in a scratch folder
    And a vector "damaged.json" next to them, made from "counter.json" with <damage>
    When I verify the scratch folder
    Then the exit code is 2
    And stderr is exactly one line, naming the file "damaged.json" and <position>
    And no stack trace is printed
    And "counter.json" and "traps.json" are still reported as PASS
    And the summary counts 3 vectors: 2 passed, 0 failed, 1 unreadable

    Examples:
      | damage                                          | position                                          |
      | its text cut off in the middle                  | the line and column                               |
      | an unknown key "gas" in the second transaction  | the place "blocks[0].transactions[1]"             |
      | the input of the second transaction "0xzz"      | the place "blocks[0].transactions[1].input"       |
