/*
 * kvstore — a raw key/value store: contract storage keys are exactly the user's keys.
 *
 * Encodings (integers little-endian):
 *   put       input: u32 key_len || key || value (the rest of the input; may be empty)
 *             output: i32 length of the previous value, -1 if the key was new
 *             event: topic "kv.put", data = key
 *             reverts "kvstore: bad input" if key_len exceeds the input; a key over 256 bytes
 *             reaches storage_write and traps abi_violation (deliberately not pre-checked)
 *   get       input: key            output: the value; reverts "kvstore: not found" if absent
 *   len       input: key            output: i32 value length, -1 if absent (storage_read, cap 0)
 *   delete    input: key            output: 1 byte, 0x01 if the key was present;
 *                                   event "kv.delete" (data = key) only when it was present
 *   put_many  input: entries, each u32 key_len || key || u32 val_len || value, until the input
 *             ends; output: u32 number of entries written. A truncated entry reverts
 *             "kvstore: bad input" after the earlier entries were written (rollback probe).
 */
#include "ecliptica.h"

static u8 in[65536];
static u8 val[65536];

static u32 read_input(void) {
    u32 n = (u32)ecl_input_size();
    ecl_input_read(in, 0, n);
    return n;
}

ECL_EXPORT(put) void put(void) {
    u32 n = read_input();
    if (n < 4) ECL_REVERT("kvstore: bad input");
    u32 klen = ecl_load32(in);
    if (klen > n - 4) ECL_REVERT("kvstore: bad input");
    const u8 *key = in + 4;
    i32 prev = ecl_storage_read(key, klen, val, 0);
    ecl_storage_write(key, klen, key + klen, n - 4 - klen);
    ecl_emit_event(ECL_LIT("kv.put"), key, klen);
    u8 out[4];
    ecl_store32(out, (u32)prev);
    ecl_return_data(out, 4);
}

ECL_EXPORT(get) void get(void) {
    u32 n = read_input();
    i32 len = ecl_storage_read(in, n, val, sizeof val);
    if (len < 0) ECL_REVERT("kvstore: not found");
    ecl_return_data(val, (u32)len);
}

ECL_EXPORT(len) void len(void) {
    u32 n = read_input();
    u8 out[4];
    ecl_store32(out, (u32)ecl_storage_read(in, n, val, 0));
    ecl_return_data(out, 4);
}

ECL_EXPORT(delete) void delete(void) {
    u32 n = read_input();
    u8 removed = (u8)ecl_storage_remove(in, n);
    if (removed) ecl_emit_event(ECL_LIT("kv.delete"), in, n);
    ecl_return_data(&removed, 1);
}

ECL_EXPORT(put_many) void put_many(void) {
    u32 n = read_input();
    u32 pos = 0, count = 0;
    while (pos < n) {
        if (n - pos < 4) ECL_REVERT("kvstore: bad input");
        u32 klen = ecl_load32(in + pos);
        pos += 4;
        if (klen > n - pos) ECL_REVERT("kvstore: bad input");
        const u8 *key = in + pos;
        pos += klen;
        if (n - pos < 4) ECL_REVERT("kvstore: bad input");
        u32 vlen = ecl_load32(in + pos);
        pos += 4;
        if (vlen > n - pos) ECL_REVERT("kvstore: bad input");
        ecl_storage_write(key, klen, in + pos, vlen);
        pos += vlen;
        count++;
    }
    u8 out[4];
    ecl_store32(out, count);
    ecl_return_data(out, 4);
}
