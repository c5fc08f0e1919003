Feature: Listing the engines
  `harness engines` shows every engine adapter on the class path, its library version and
  execution mode, and whether it can start on this JVM. Exit code 0 when at least one can.

  Scenario: Every engine is listed as usable with its version
    When I run "harness engines"
    Then the exit code is 0
    And these engines are listed as usable with a version:
      | chicory-interpreter |
      | chicory-compiler    |
      | wasmtime            |
      | graalwasm           |
    And no engine is listed as unavailable
    And "wasmtime-nancanon" is listed as a variant used only when named

  Scenario: The JSON listing names every engine by id, with the same engines as the text listing
    When I run "harness engines --json"
    Then the exit code is 0
    And stdout is a JSON object whose "engines" have the ids:
      | chicory-interpreter |
      | chicory-compiler    |
      | wasmtime            |
      | graalwasm           |
      | wasmtime-nancanon   |
    And the engines run by default are:
      | chicory-interpreter |
      | chicory-compiler    |
      | wasmtime            |
      | graalwasm           |
    And every engine in the JSON listing is usable and has a library, a version and a mode
    And the JSON listing has the same engines in the same order as "harness engines"

  Scenario: The launcher script starts the harness
    Given the launcher script bin/harness exists
    When I run the launcher with "engines"
    Then the exit code is 0
    And these engines are listed as usable with a version:
      | chicory-interpreter |
      | chicory-compiler    |
      | wasmtime            |
      | graalwasm           |
