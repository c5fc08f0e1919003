/*
 * ecliptica.h — the Ecliptica host ABI v1 (docs/abi.md) for C contracts compiled with
 * clang --target=wasm32 -nostdlib. Every function is imported from module "ecliptica".
 * Pointers and lengths are unsigned 32-bit; storage_read returns -1 for an absent key.
 */
#ifndef ECLIPTICA_H
#define ECLIPTICA_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

#define ECL_IMPORT(name) __attribute__((import_module("ecliptica"), import_name(#name)))
#define ECL_EXPORT(name) __attribute__((export_name(#name)))

ECL_IMPORT(input_size)     i32  ecl_input_size(void);
ECL_IMPORT(input_read)     void ecl_input_read(void *dst, u32 offset, u32 len);
ECL_IMPORT(storage_read)   i32  ecl_storage_read(const void *key, u32 key_len, void *dst, u32 dst_cap);
ECL_IMPORT(storage_write)  void ecl_storage_write(const void *key, u32 key_len, const void *val, u32 val_len);
ECL_IMPORT(storage_remove) i32  ecl_storage_remove(const void *key, u32 key_len);
ECL_IMPORT(return_data)    void ecl_return_data(const void *ptr, u32 len);
ECL_IMPORT(emit_event)     void ecl_emit_event(const void *topic, u32 topic_len, const void *data, u32 data_len);
ECL_IMPORT(caller)         void ecl_caller(void *dst32);
ECL_IMPORT(self_address)   void ecl_self_address(void *dst32);
ECL_IMPORT(block_height)   u64  ecl_block_height(void);
ECL_IMPORT(block_time)     u64  ecl_block_time(void);
ECL_IMPORT(revert)         __attribute__((noreturn)) void ecl_revert(const void *msg, u32 len);
ECL_IMPORT(abort)          __attribute__((noreturn)) void ecl_abort(const void *msg, u32 len);
/* Crypto host calls (docs/abi.md §3); seal_to_caller needs a private chain (docs/privacy.md §10). */
ECL_IMPORT(crypto_sha256)           void ecl_sha256(const void *data, u32 len, void *out32);
ECL_IMPORT(crypto_ml_dsa_65_verify) i32  ecl_ml_dsa_65_verify(const void *pk1952, const void *msg, u32 len, const void *sig3309);
ECL_IMPORT(crypto_seal_to_caller)   void ecl_seal_to_caller(const void *data, u32 len, void *out);
/* Cross-contract calls (docs/abi.md §6): status 0 ok, 1 revert, 2 trap, 3 invalid, 4 depth exceeded. */
ECL_IMPORT(call_contract) i32 ecl_call_contract(const void *addr32, const void *in, u32 len, i64 gas);
ECL_IMPORT(call_output)   i32 ecl_call_output(void *dst, u32 cap);

/* Reverts with a string literal as the message (without its terminating NUL). */
#define ECL_REVERT(lit) ecl_revert((lit), sizeof(lit) - 1)
/* A string literal as (pointer, length) without the NUL, for topics and keys. */
#define ECL_LIT(lit) (lit), (sizeof(lit) - 1)

static inline u32 ecl_load32(const u8 *p) { return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24; }
static inline u64 ecl_load64(const u8 *p) { return (u64)ecl_load32(p) | (u64)ecl_load32(p + 4) << 32; }
static inline void ecl_store32(u8 *p, u32 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); p[2] = (u8)(v >> 16); p[3] = (u8)(v >> 24); }
static inline void ecl_store64(u8 *p, u64 v) { ecl_store32(p, (u32)v); ecl_store32(p + 4, (u32)(v >> 32)); }

/* With -mbulk-memory clang lowers these builtins to memory.copy / memory.fill (no libc needed). */
#define ecl_memcpy(d, s, n) __builtin_memcpy((d), (s), (n))
#define ecl_memset(d, c, n) __builtin_memset((d), (c), (n))

#endif
