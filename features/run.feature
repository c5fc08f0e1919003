Feature: Running one export of any module
  `harness run FILE --call EXPORT [--args ...]` deploys the module on every engine, calls the export
  once and prints every engine's result side by side. Exit code 0 when all engines agree, 2 when the
  file is not a usable module.

  Scenario Outline: A malformed module is rejected with exit code 2 and one line naming the file (<content>)
    Given a module file "garbage.wasm" in a scratch folder containing <content>
    When I run the module's export "f"
    Then the exit code is 2
    And stderr is exactly one line, naming the file "garbage.wasm"
    And no stack trace is printed

    Examples:
      | content                                              |
      | 256 random bytes                                     |
      | the first half of the bundled contract "counter"     |
      | no bytes at all                                      |

  # The module is assembled byte by byte in the step definitions (TinyWasm): it is not in the
  # repository, and no WAT tool is needed. It exports add, sub, mul and div_s, each (i32, i32) -> i32.
  Scenario Outline: A module from outside the repository gives the same result on every engine: <export>(<args>) = <result>
    Given the arithmetic module written by the test into a scratch folder
    When I run the module's export "<export>" with args "<args>"
    Then the exit code is 0
    And every engine reports status "ok", class "" and results "[i32:<result>]"
    And the report says that all engines agree

    Examples: results follow 32-bit two's complement arithmetic; div_s truncates toward zero
      | export | args              | result      |
      | add    | 2,3               | 5           |
      | add    | -7,4              | -3          |
      | add    | 2147483647,1      | -2147483648 |
      | sub    | 0,-2147483648     | -2147483648 |
      | mul    | 65536,65536       | 0           |
      | div_s  | -7,2              | -3          |

  Scenario: The JSON report of run has one entry per engine, all with identical fields
    Given the arithmetic module written by the test into a scratch folder
    When I run the module's export "add" with args "40,2" and --json
    Then the exit code is 0
    And stdout is JSON with a result for every engine
    And every engine's JSON result has the same status, class, output, results, events, writes and stateRoot
    And every engine's JSON result has status "ok" and results "[i32:42]"

  Scenario Outline: An export that traps reports the same trap class on every engine: div_s(<args>) traps <class>
    Given the arithmetic module written by the test into a scratch folder
    When I run the module's export "div_s" with args "<args>"
    Then the exit code is 0
    And every engine reports status "trap", class "<class>" and results "[]"
    And the report says that all engines agree

    Examples:
      | args           | class                  |
      | 7,0            | integer_divide_by_zero |
      | -2147483648,-1 | integer_overflow       |
