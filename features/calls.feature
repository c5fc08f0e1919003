Feature: Cross-contract calls, end to end through every engine
  docs/abi.md §6. Three instances of the bundled proxy contract ("A", "B", "C") run command
  scripts (vectors/contracts/proxy/proxy.wat): W k vv writes key k, E t emits topic t, G k appends
  the value of its own key k (ff if absent), O appends the last call's output, R reverts, T traps,
  L loops forever, D calls itself recursively, and C <contract> <gas|all> { script } calls another
  proxy with a script and appends the status byte call_contract returned. Each scenario fills its
  transactions with `harness fill` (every engine must agree) in one block under ecliptica-v1.

  Scenario: A nested call's writes and events are committed under the callee's address
    Given the proxy contract deployed as "A", "B" and "C", and these scripts sent to "A":
      | script                              |
      | W a 01 C B all { W b 02 E x } O G b |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output 0x00ff
    And tx 0 writes, by contract:
      | contract | key | value |
      | A        | a   | 0x01  |
      | B        | b   | 0x02  |
    And tx 0 emits, by contract, in this order:
      | contract | topic |
      | B        | x     |

  Scenario: A reverting callee is rolled back, with what its own callees did, while the caller commits
    Given the proxy contract deployed as "A", "B" and "C", and these scripts sent to "A":
      | script                                         |
      | W c 03 C B all { W d 04 E y C C all { W e 05 } R } O |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output 0x01 "proxy: revert"
    And tx 0 writes, by contract:
      | contract | key | value |
      | A        | c   | 0x03  |
    And tx 0 emits no events

  Scenario: Gas exhaustion inside a callee costs the caller exactly the forwarded gas
    Given the proxy contract deployed as "A", "B" and "C", and these scripts sent to "A":
      | script                        |
      | W e 05 C B 50000 { W f 06 L } |
      | W e 05 C B 60000 { W f 06 L } |
      | C B all { T } W o 01          |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output 0x02
    And tx 0 writes, by contract:
      | contract | key | value |
      | A        | e   | 0x05  |
    And tx 1 used exactly 10000 gas more than tx 0
    And tx 2 has status "trap", class "out_of_gas" and output 0x
    And tx 2 used its whole gas limit

  Scenario: Calls nest eight deep; the ninth level is refused with status 4
    Given the proxy contract deployed as "A", "B" and "C", and these scripts sent to "A":
      | script                               |
      | D                                    |
      | C B all { C A all { G g W h 08 } O } O |
      | C 0x00000000000000000000000000000000000000000000000000000000000000dd all { } |
    When I fill it
    Then every transaction has a filled result
    And tx 0 has status "ok", class "" and output 0x000000000000000004
    And tx 1 has status "ok", class "" and output 0x0000ff
    And tx 1 writes, by contract:
      | contract | key | value |
      | A        | h   | 0x08  |
    And tx 2 has status "ok", class "" and output 0x03
