Feature: Private vectors
  A vector with a privacy block is a private chain (docs/privacy.md §10): its transactions are
  signed, its state is stored encrypted and its outputs and events are sealed to the sender's
  viewing key. The bundled private vectors are private-token, sealed-auction and private-voting.
  `harness decrypt FIXTURE --key KEY` prints what a key opens. Exit codes: 0 it opened something
  and nothing it covers failed, 1 it opened nothing (or a value it covers did not open), 2 bad input.
  The keys below are derived in the steps from the account secrets in the vectors' fillers.

  Scenario: Every private vector agrees on all engines, and the report holds no secret or plaintext
    When I verify the bundled vectors "private-token.json", "sealed-auction.json" and "private-voting.json"
    Then the exit code is 0
    And each of them is reported as PASS with every engine agreeing
    And the output contains no account secret, viewing seed or spending seed of the fillers
    And the output contains none of the balances "500, 750, 650, 1000, 850" as u64

  Scenario: Bob's balance is in the vector only as ciphertext
    When I read the bundled vector "private-token.json"
    Then its genesis value of bob's balance is 29 bytes longer than the u64 500 and does not contain it
    And the vector contains none of the balances "500, 750, 650, 1000, 850" as u64
    And the vector contains no account secret, viewing seed or spending seed of the fillers

  Scenario: Bob's viewing key opens bob's balance outputs, and nothing of alice's
    When I decrypt "private-token.json" with the viewing key of "bob"
    Then the exit code is 0
    And stdout has the line "block 1 tx 1 output: 0xf401000000000000"
    And stdout has the line "block 2 tx 7 output: 0x8a02000000000000"
    And stdout has no line about "block 1 tx 0 output"

  Scenario: Alice's viewing key opens alice's outputs and none of bob's balances
    When I decrypt "private-token.json" with the viewing key of "alice"
    Then the exit code is 0
    And stdout has the line "block 1 tx 0 output: 0xe803000000000000"
    And the output contains none of the balances "500, 650" as u64

  Scenario: The slot key of bob's balance reads its whole history and nothing else
    When I decrypt "private-token.json" with the slot key of bob's balance
    Then the exit code is 0
    And every value printed is one of the balances "500, 750, 650" as u64
    And stdout has a line starting with "genesis private-token key 0x62616c3a" and ending in "0xf401000000000000"
    And stdout has a line starting with "block 2 tx 0 write 0x62616c3a" and ending in "0x8a02000000000000"

  Scenario: A key that opens nothing exits 1 with one line and prints nothing
    When I decrypt "private-token.json" with the viewing key of an account secret "0x3333333333333333333333333333333333333333333333333333333333333333"
    Then the exit code is 1
    And stderr is exactly one line saying "the key opens none of"
    And nothing is printed on stdout

  Scenario: Malformed key text exits 2 without echoing it
    When I decrypt "private-token.json" with the key text "viewing:zz0011secretlooking"
    Then the exit code is 2
    And stderr is exactly one line not containing "zz0011secretlooking"
    And nothing is printed on stdout
    And no stack trace is printed

  Scenario: An altered expected envelope whose ciphertext does not open is a mismatch saying so
    Given a copy of the bundled vector "private-token.json" in a scratch folder
    And in the copy, one hex digit of blocks[0].transactions[1].expect.output is changed
    When I verify the copy with --json too
    Then the exit code is 1
    And the report has exactly one mismatch, at block 0, tx 1, field "output"
    And the report's privacy note says "does not open with the chain's keys"
    And the output contains no account secret, viewing seed or spending seed of the fillers
    And the output contains none of the balances "500, 750, 650, 1000, 850" as u64

  Scenario: An expected envelope that opens to another plaintext is a mismatch whose plaintexts differ
    Given a copy of the bundled vector "private-token.json" in a scratch folder
    And in the copy, the output of block 0 tx 1 is resealed to bob at its position with the plaintext 501
    When I verify the copy with --json too
    Then the exit code is 1
    And the report has exactly one mismatch, at block 0, tx 1, field "output"
    And the report's privacy note says "the plaintexts differ"
    And the output contains none of the balances "500, 750, 650, 1000, 850" as u64
    And the output contains none of the balances "501" as u64

  Scenario: A bid's receipt, sealed by the contract with crypto_seal_to_caller, opens with the bidder's viewing key only
    When I decrypt "sealed-auction.json" with the viewing key of "carol"
    Then the exit code is 0
    And the output of block 5 tx 1 is an envelope that carol's viewing key opens to SHA-256(u64 450 || 32 bytes 0x5c) || u64 5
    And bob's viewing key does not open that envelope

  Scenario: A write made by a called contract is encrypted under that contract's keys
    The auction's close() pays the lot through the private token (a cross-contract call): the token's
    writes are part of the close transaction, stored under the token's keys, not the auction's.
    When I decrypt "sealed-auction.json" with the slot key of carol's balance
    Then the exit code is 0
    And stdout has a line starting with "block 20 tx 4 write private-token 0x62616c3a" and ending in "0x6400000000000000"
    And every value printed is one of the balances "100" as u64

  Scenario: An altered write of a called contract is a mismatch in which only the altered ciphertext does not open
    Given a copy of the bundled vector "sealed-auction.json" in a scratch folder
    And in the copy, one hex digit of blocks[3].transactions[4].expect.writes[1].value is changed
    When I verify the copy with --json too
    Then the exit code is 1
    And the report's only finding is "MISMATCH at block 3 (height 20), tx 4, field writes"
    And the report's privacy note says "the ciphertext of expected does not open"
