/*
 * sealed-auction — a sealed-bid (first-price) auction in two phases by block height. In the
 * commit phase a bidder stores only a commitment SHA-256(u64 amount || salt(32)); in the reveal
 * phase it reveals amount and salt, which the contract checks with crypto_sha256. Bids therefore
 * stay hidden until their reveal even from the validators, who can decrypt all state of a private
 * chain (docs/privacy.md §3.8): the state holds nothing but the commitment. A bid never revealed
 * stays hidden and cannot win. The lot is an amount of a private-token (../private-token) held by
 * this contract; close() transfers it to the winner with a cross-contract call (docs/abi.md §6).
 *
 * Phases (from the genesis configuration): bidding while height < bid_end; revealing while
 * bid_end <= height < reveal_end; closing once height >= reveal_end.
 *
 * Encodings (integers little-endian; addresses are 32 bytes):
 *   bid      input: commitment(32); output: a receipt commitment || u64 height sealed to the
 *            bidder by the contract itself with crypto_seal_to_caller (an envelope the bidder
 *            opens with its viewing key, docs/privacy.md §5.4)
 *            reverts "sealed-auction: bad input", "sealed-auction: bidding closed",
 *            "sealed-auction: already bid" (one commitment per bidder)
 *   reveal   input: u64 amount || salt(32); output: u64 amount;
 *            event "sealed-auction.revealed": bidder || u64 amount
 *            reverts "sealed-auction: bad input", "sealed-auction: not in reveal phase",
 *            "sealed-auction: no bid", "sealed-auction: already revealed",
 *            "sealed-auction: wrong reveal" (SHA-256(amount || salt) is not the commitment)
 *   close    input: none; output: winner(32) || u64 amount (zero address and 0 without reveals);
 *            event "sealed-auction.closed" with the same data. The highest revealed amount wins;
 *            on a tie the earlier reveal. With a winner, the lot is paid by calling the token's
 *            `call` with 0x01 || winner || u64 lot (a transfer from this contract).
 *            reverts "sealed-auction: reveal phase not over", "sealed-auction: already closed",
 *            "sealed-auction: payout failed: " || the token's revert message
 *   winner   input: none; output: winner(32) || u64 amount, to whoever asks once closed (this is
 *            how the result is announced on a chain whose outputs are sealed to their caller);
 *            reverts "sealed-auction: not closed"
 *
 * Storage:
 *   "cfg"               -> u64 bid_end || u64 reveal_end || token(32) || u64 lot (genesis)
 *   "c:" || bidder      -> commitment(32)
 *   "r:" || bidder      -> u64 revealed amount
 *   "best"              -> leader(32) || u64 amount (highest reveal so far)
 *   "closed"            -> winner(32) || u64 amount
 */
#include "ecliptica.h"

static u8 in[40];

#define CFG_LEN 56

static u8 cfg[CFG_LEN];

static void phase_bounds(u64 *bid_end, u64 *reveal_end) {
    if (ecl_storage_read(ECL_LIT("cfg"), cfg, CFG_LEN) != CFG_LEN) ECL_REVERT("sealed-auction: not configured");
    *bid_end = ecl_load64(cfg);
    *reveal_end = ecl_load64(cfg + 8);
}

/* Transfers the lot (cfg: token at 16, amount at 48) to `winner` through the token contract. */
static void pay_lot(const u8 *winner) {
    static u8 call_in[41];
    static u8 msg[32 + 256] = "sealed-auction: payout failed: ";
    call_in[0] = 1;
    ecl_memcpy(call_in + 1, winner, 32);
    ecl_memcpy(call_in + 33, cfg + 48, 8);
    if (ecl_call_contract(cfg + 16, call_in, 41, 0x7fffffffffffffffLL) != 0) {
        i32 n = ecl_call_output(msg + 31, 256);
        ecl_revert(msg, 31 + (u32)(n < 256 ? n : 256));
    }
}

static void bidder_key(u8 key[34], char kind, const u8 *bidder) {
    key[0] = (u8)kind;
    key[1] = ':';
    ecl_memcpy(key + 2, bidder, 32);
}

static int has(const u8 *key, u32 len) {
    u8 none[1];
    return ecl_storage_read(key, len, none, 0) >= 0;
}

static int equal32(const u8 *a, const u8 *b) {
    u8 diff = 0;
    for (u32 i = 0; i < 32; i++) diff |= (u8)(a[i] ^ b[i]);
    return diff == 0;
}

ECL_EXPORT(bid) void bid(void) {
    if (ecl_input_size() != 32) ECL_REVERT("sealed-auction: bad input");
    ecl_input_read(in, 0, 32);
    u64 bid_end, reveal_end;
    phase_bounds(&bid_end, &reveal_end);
    u64 height = ecl_block_height();
    if (height >= bid_end) ECL_REVERT("sealed-auction: bidding closed");
    u8 key[34];
    u8 receipt[40];
    ecl_caller(receipt); /* scratch for the bidder's address */
    bidder_key(key, 'c', receipt);
    if (has(key, 34)) ECL_REVERT("sealed-auction: already bid");
    ecl_storage_write(key, 34, in, 32);
    ecl_memcpy(receipt, in, 32);
    ecl_store64(receipt + 32, height);
    static u8 sealed[40 + 1105];
    ecl_seal_to_caller(receipt, 40, sealed);
    ecl_return_data(sealed, sizeof sealed);
}

ECL_EXPORT(reveal) void reveal(void) {
    if (ecl_input_size() != 40) ECL_REVERT("sealed-auction: bad input");
    ecl_input_read(in, 0, 40);
    u64 bid_end, reveal_end;
    phase_bounds(&bid_end, &reveal_end);
    u64 height = ecl_block_height();
    if (height < bid_end || height >= reveal_end) ECL_REVERT("sealed-auction: not in reveal phase");
    u8 me[32], key[34], commitment[32], digest[32];
    ecl_caller(me);
    bidder_key(key, 'c', me);
    if (ecl_storage_read(key, 34, commitment, 32) != 32) ECL_REVERT("sealed-auction: no bid");
    bidder_key(key, 'r', me);
    if (has(key, 34)) ECL_REVERT("sealed-auction: already revealed");
    ecl_sha256(in, 40, digest);
    if (!equal32(digest, commitment)) ECL_REVERT("sealed-auction: wrong reveal");
    u64 amount = ecl_load64(in);
    ecl_storage_write(key, 34, in, 8);
    u8 best[40];
    int leading = ecl_storage_read(ECL_LIT("best"), best, 40) != 40 || amount > ecl_load64(best + 32);
    if (leading) {
        ecl_memcpy(best, me, 32);
        ecl_store64(best + 32, amount);
        ecl_storage_write(ECL_LIT("best"), best, 40);
    }
    u8 ev[40];
    ecl_memcpy(ev, me, 32);
    ecl_store64(ev + 32, amount);
    ecl_emit_event(ECL_LIT("sealed-auction.revealed"), ev, 40);
    ecl_return_data(in, 8);
}

ECL_EXPORT(close) void close(void) {
    u64 bid_end, reveal_end;
    phase_bounds(&bid_end, &reveal_end);
    if (ecl_block_height() < reveal_end) ECL_REVERT("sealed-auction: reveal phase not over");
    u8 result[40];
    if (has((const u8 *)"closed", 6)) ECL_REVERT("sealed-auction: already closed");
    if (ecl_storage_read(ECL_LIT("best"), result, 40) != 40) {
        ecl_memset(result, 0, 40);
    } else {
        pay_lot(result);
    }
    ecl_storage_write(ECL_LIT("closed"), result, 40);
    ecl_emit_event(ECL_LIT("sealed-auction.closed"), result, 40);
    ecl_return_data(result, 40);
}

ECL_EXPORT(winner) void winner(void) {
    u8 result[40];
    if (ecl_storage_read(ECL_LIT("closed"), result, 40) != 40) ECL_REVERT("sealed-auction: not closed");
    ecl_return_data(result, 40);
}
