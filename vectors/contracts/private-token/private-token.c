/*
 * private-token — a token whose balances only their owners can read. It is meant for a private
 * chain (docs/privacy.md §10): the host stores every value encrypted and seals every output and
 * event to the transaction's sender, so the contract only has to avoid *giving* a balance to
 * anyone but its owner: there is no balance_of(other) and no total supply.
 *
 * Encodings (integers little-endian; addresses are 32 bytes):
 *   balance   input: none; output: the caller's u64 balance (0 when it has none)
 *   transfer  input: to(32) || u64 amount; moves amount from the caller to `to`;
 *             output: the caller's new u64 balance;
 *             event "private-token.transfer": from || to || u64 amount (the host seals the data
 *             to the sender; the topic stays in the clear, so it names nothing)
 *             reverts "private-token: bad input" (input not 40 bytes),
 *             "private-token: insufficient balance" (overdraft), "private-token: overflow"
 *             (the recipient's balance would pass 2^64 - 1)
 *   call      the entry point of a cross-contract call (docs/abi.md §6), whose caller is the
 *             calling contract: input 0x00 = balance, 0x01 || to(32) || u64 amount = transfer,
 *             with the same outputs, events and reverts; anything else reverts "private-token: bad input"
 *
 * Storage: "bal:" || owner(32) -> u64 balance. There is no mint: the genesis storage mints (a
 * filler gives the plaintext balances, the reader encrypts them). A balance that drops to 0 stays
 * stored as 8 zero bytes, so its length does not tell an emptied account from a funded one.
 *
 * Not hidden on this chain version: transaction inputs are plaintext, so a transfer's recipient and
 * amount are public; which balance slots a transfer wrote is public too (docs/privacy.md §3.8).
 */
#include "ecliptica.h"

#define KEY_LEN 36

static u8 in[40];

static void balance_key(u8 key[KEY_LEN], const u8 *owner) {
    key[0] = 'b';
    key[1] = 'a';
    key[2] = 'l';
    key[3] = ':';
    ecl_memcpy(key + 4, owner, 32);
}

static u64 load_balance(const u8 *owner) {
    u8 key[KEY_LEN], v[8];
    balance_key(key, owner);
    if (ecl_storage_read(key, KEY_LEN, v, 8) != 8) return 0;
    return ecl_load64(v);
}

static void store_balance(const u8 *owner, u64 amount) {
    u8 key[KEY_LEN], v[8];
    balance_key(key, owner);
    ecl_store64(v, amount);
    ecl_storage_write(key, KEY_LEN, v, 8);
}

static int same_address(const u8 *a, const u8 *b) {
    u8 diff = 0;
    for (u32 i = 0; i < 32; i++) diff |= (u8)(a[i] ^ b[i]);
    return diff == 0;
}

static void do_balance(void) {
    u8 me[32], out[8];
    ecl_caller(me);
    ecl_store64(out, load_balance(me));
    ecl_return_data(out, 8);
}

/* The transfer whose to || amount is in `in`, from the caller. */
static void do_transfer(void) {
    u8 from[32];
    ecl_caller(from);
    const u8 *to = in;
    u64 amount = ecl_load64(in + 32);
    u64 have = load_balance(from);
    if (amount > have) ECL_REVERT("private-token: insufficient balance");
    u64 left = have - amount;
    if (!same_address(from, to)) {
        u64 theirs = load_balance(to);
        if (theirs + amount < theirs) ECL_REVERT("private-token: overflow");
        store_balance(to, theirs + amount);
    }
    store_balance(from, same_address(from, to) ? have : left);
    u8 ev[72];
    ecl_memcpy(ev, from, 32);
    ecl_memcpy(ev + 32, to, 32);
    ecl_store64(ev + 64, amount);
    ecl_emit_event(ECL_LIT("private-token.transfer"), ev, 72);
    u8 out[8];
    ecl_store64(out, same_address(from, to) ? have : left);
    ecl_return_data(out, 8);
}

ECL_EXPORT(balance) void balance(void) {
    do_balance();
}

ECL_EXPORT(transfer) void transfer(void) {
    if (ecl_input_size() != 40) ECL_REVERT("private-token: bad input");
    ecl_input_read(in, 0, 40);
    do_transfer();
}

ECL_EXPORT(call) void call(void) {
    u32 n = (u32)ecl_input_size();
    u8 op[1] = {0xff};
    if (n >= 1) ecl_input_read(op, 0, 1);
    if (n == 1 && op[0] == 0) {
        do_balance();
    } else if (n == 41 && op[0] == 1) {
        ecl_input_read(in, 1, 40);
        do_transfer();
    } else {
        ECL_REVERT("private-token: bad input");
    }
}
