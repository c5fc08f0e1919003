/*
 * private-voting — an election whose voters are authorized by an election authority and whose
 * tally stays hidden until the authority closes it. Meant for a private chain (docs/privacy.md §10).
 *
 * Genesis storage (a filler writes it with byte templates, docs/vector-format.md):
 *   "authority" -> the authority's ML-DSA-65 public key (1952 bytes)
 *   "election"  -> u64 election id
 *   "choices"   -> u32 number of choices (1..16)
 * An authorization is the authority's ML-DSA-65 signature (empty context, docs/privacy.md §6.1)
 * of voter address(32) || u64 election id, checked with crypto_ml_dsa_65_verify: it binds the
 * right to vote to one voter and one election. The authority's own address is computed from its key
 * as docs/privacy.md §6.2 says, with crypto_sha256, so only that key's holder can close.
 *
 * Encodings (integers little-endian; addresses are 32 bytes):
 *   vote     input: u32 choice || authorization(3309); output: 0x01;
 *            event "private-voting.voted": voter || u32 choice (sealed to the voter: its receipt)
 *            reverts "private-voting: bad input", "private-voting: closed",
 *            "private-voting: bad choice", "private-voting: already voted",
 *            "private-voting: not authorized" (the signature is not the authority's over this
 *            voter and this election)
 *   close    input: none; the authority only; output and event "private-voting.closed": the result
 *            reverts "private-voting: not authority", "private-voting: closed"
 *   result   input: none; once closed, to anyone: u32 n || n x u64 counts;
 *            reverts "private-voting: not closed"
 *
 * Storage written: "v:" || voter -> 0x01 (voted); "tally" -> n x u64 counts, always rewritten
 * whole, so a write set does not show which count changed; "closed" -> 0x01.
 * Not hidden on this chain version: transaction inputs are plaintext, so a vote's choice is visible
 * in its transaction (docs/privacy.md §3.8). The running tally is not: only close() reveals it.
 */
#include "ecliptica.h"

#define PK_LEN 1952
#define SIG_LEN 3309
#define MAX_CHOICES 16

static u8 in[4 + SIG_LEN];
static u8 pk[PK_LEN];

static u32 choices(void) {
    u8 v[4];
    if (ecl_storage_read(ECL_LIT("choices"), v, 4) != 4) ECL_REVERT("private-voting: not configured");
    u32 n = ecl_load32(v);
    if (n < 1 || n > MAX_CHOICES) ECL_REVERT("private-voting: not configured");
    return n;
}

static void load_authority(void) {
    if (ecl_storage_read(ECL_LIT("authority"), pk, PK_LEN) != PK_LEN) ECL_REVERT("private-voting: not configured");
}

static int is_closed(void) {
    u8 none[1];
    return ecl_storage_read(ECL_LIT("closed"), none, 0) >= 0;
}

/* Byte by byte through a volatile pointer: clang would turn a plain loop into memory.fill, which
 * its post-link wasm-opt then rejects in a binary whose feature section --strip-all removed. */
static void zero(u8 *p, u32 n) {
    volatile u8 *v = p;
    for (u32 i = 0; i < n; i++) v[i] = 0;
}

static void load_tally(u8 *tally, u32 n) {
    if (ecl_storage_read(ECL_LIT("tally"), tally, 8 * n) != (i32)(8 * n)) zero(tally, 8 * n);
}

ECL_EXPORT(vote) void vote(void) {
    if (ecl_input_size() != 4 + SIG_LEN) ECL_REVERT("private-voting: bad input");
    ecl_input_read(in, 0, 4 + SIG_LEN);
    if (is_closed()) ECL_REVERT("private-voting: closed");
    u32 n = choices();
    u32 choice = ecl_load32(in);
    if (choice >= n) ECL_REVERT("private-voting: bad choice");
    u8 key[34];
    key[0] = 'v';
    key[1] = ':';
    ecl_caller(key + 2);
    u8 none[1];
    if (ecl_storage_read(key, 34, none, 0) >= 0) ECL_REVERT("private-voting: already voted");
    u8 message[40];
    ecl_memcpy(message, key + 2, 32);
    if (ecl_storage_read(ECL_LIT("election"), message + 32, 8) != 8) ECL_REVERT("private-voting: not configured");
    load_authority();
    if (ecl_ml_dsa_65_verify(pk, message, 40, in + 4) != 1) ECL_REVERT("private-voting: not authorized");
    u8 one = 1;
    ecl_storage_write(key, 34, &one, 1);
    u8 tally[8 * MAX_CHOICES];
    load_tally(tally, n);
    ecl_store64(tally + 8 * choice, ecl_load64(tally + 8 * choice) + 1);
    ecl_storage_write(ECL_LIT("tally"), tally, 8 * n);
    u8 ev[36];
    ecl_memcpy(ev, key + 2, 32);
    ecl_store32(ev + 32, choice);
    ecl_emit_event(ECL_LIT("private-voting.voted"), ev, 36);
    ecl_return_data(&one, 1);
}

/* The result: u32 n || n x u64 counts. */
static u32 result_of(u8 *out) {
    u32 n = choices();
    ecl_store32(out, n);
    load_tally(out + 4, n);
    return 4 + 8 * n;
}

ECL_EXPORT(close) void close(void) {
    /* address = SHA-256("ecliptica/address/v1" || 0x00 || pk), docs/privacy.md §6.2 */
    static u8 preimage[21 + PK_LEN] = "ecliptica/address/v1";
    if (ecl_storage_read(ECL_LIT("authority"), preimage + 21, PK_LEN) != PK_LEN) ECL_REVERT("private-voting: not configured");
    u8 authority[32], me[32];
    ecl_sha256(preimage, sizeof preimage, authority);
    ecl_caller(me);
    u8 diff = 0;
    for (u32 i = 0; i < 32; i++) diff |= (u8)(authority[i] ^ me[i]);
    if (diff != 0) ECL_REVERT("private-voting: not authority");
    if (is_closed()) ECL_REVERT("private-voting: closed");
    u8 one = 1;
    ecl_storage_write(ECL_LIT("closed"), &one, 1);
    u8 out[4 + 8 * MAX_CHOICES];
    u32 len = result_of(out);
    ecl_emit_event(ECL_LIT("private-voting.closed"), out, len);
    ecl_return_data(out, len);
}

ECL_EXPORT(result) void result(void) {
    if (!is_closed()) ECL_REVERT("private-voting: not closed");
    u8 out[4 + 8 * MAX_CHOICES];
    ecl_return_data(out, result_of(out));
}
