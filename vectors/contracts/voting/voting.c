/*
 * voting — proposals with a block-height deadline, one vote per caller address, tallies.
 *
 * Encodings (integers little-endian; addresses are 32 bytes):
 *   create   input: u32 id || u32 n_options (1..16) || u64 duration (blocks, >= 1)
 *            deadline = block_height + duration; voting is open while block_height < deadline.
 *            event "voting.created": id || n_options || u64 deadline || creator
 *            reverts "voting: bad input", "voting: bad options", "voting: proposal exists"
 *   vote     input: u32 id || u32 option (0-based)
 *            event "voting.voted": id || option || voter
 *            reverts "voting: no such proposal", "voting: bad option", "voting: closed"
 *            (closed by the creator or past the deadline), "voting: already voted"
 *   close    input: u32 id; only the creator; event "voting.closed": id
 *            reverts "voting: no such proposal", "voting: not creator", "voting: closed"
 *   tally    input: u32 id; output: u8 state (0 open, 1 closed by creator, 2 past deadline) ||
 *            u32 n_options || n_options x u64 vote counts
 *   my_vote  input: u32 id; output: u32 option the caller voted for; reverts "voting: not voted"
 *
 * Storage (binary keys):
 *   "P" || id              -> u32 n_options || u64 deadline || u8 closed || creator (45 bytes)
 *   "V" || id || voter     -> u32 option
 *   "C" || id || option    -> u64 count (absent = 0)
 */
#include "ecliptica.h"

#define REC_LEN 45

typedef struct {
    u32 n_options;
    u64 deadline;
    u8 closed;
    u8 creator[32];
} proposal;

static u8 in[64];

static void read_exact(u32 n) {
    if ((u32)ecl_input_size() != n) ECL_REVERT("voting: bad input");
    ecl_input_read(in, 0, n);
}

static void proposal_key(u8 key[5], u32 id) {
    key[0] = 'P';
    ecl_store32(key + 1, id);
}

static int load_proposal(u32 id, proposal *p) {
    u8 key[5], rec[REC_LEN];
    proposal_key(key, id);
    if (ecl_storage_read(key, 5, rec, REC_LEN) != REC_LEN) return 0;
    p->n_options = ecl_load32(rec);
    p->deadline = ecl_load64(rec + 4);
    p->closed = rec[12];
    ecl_memcpy(p->creator, rec + 13, 32);
    return 1;
}

static void store_proposal(u32 id, const proposal *p) {
    u8 key[5], rec[REC_LEN];
    proposal_key(key, id);
    ecl_store32(rec, p->n_options);
    ecl_store64(rec + 4, p->deadline);
    rec[12] = p->closed;
    ecl_memcpy(rec + 13, p->creator, 32);
    ecl_storage_write(key, 5, rec, REC_LEN);
}

static int same_address(const u8 *a, const u8 *b) {
    u8 diff = 0;
    for (u32 i = 0; i < 32; i++) diff |= (u8)(a[i] ^ b[i]);
    return diff == 0;
}

static u8 state_of(const proposal *p) {
    if (p->closed) return 1;
    if (ecl_block_height() >= p->deadline) return 2;
    return 0;
}

static u64 load_count(u32 id, u32 option) {
    u8 key[9], v[8];
    key[0] = 'C';
    ecl_store32(key + 1, id);
    ecl_store32(key + 5, option);
    if (ecl_storage_read(key, 9, v, 8) != 8) return 0;
    return ecl_load64(v);
}

ECL_EXPORT(create) void create(void) {
    read_exact(16);
    u32 id = ecl_load32(in);
    proposal p;
    p.n_options = ecl_load32(in + 4);
    u64 duration = ecl_load64(in + 8);
    if (p.n_options < 1 || p.n_options > 16) ECL_REVERT("voting: bad options");
    if (duration < 1) ECL_REVERT("voting: bad input");
    proposal existing;
    if (load_proposal(id, &existing)) ECL_REVERT("voting: proposal exists");
    u64 height = ecl_block_height();
    p.deadline = height + duration;
    if (p.deadline < height) p.deadline = ~0ULL; /* saturate */
    p.closed = 0;
    ecl_caller(p.creator);
    store_proposal(id, &p);
    u8 ev[48];
    ecl_store32(ev, id);
    ecl_store32(ev + 4, p.n_options);
    ecl_store64(ev + 8, p.deadline);
    ecl_memcpy(ev + 16, p.creator, 32);
    ecl_emit_event(ECL_LIT("voting.created"), ev, 48);
}

ECL_EXPORT(vote) void vote(void) {
    read_exact(8);
    u32 id = ecl_load32(in);
    u32 option = ecl_load32(in + 4);
    proposal p;
    if (!load_proposal(id, &p)) ECL_REVERT("voting: no such proposal");
    if (option >= p.n_options) ECL_REVERT("voting: bad option");
    if (state_of(&p) != 0) ECL_REVERT("voting: closed");
    u8 vkey[37];
    vkey[0] = 'V';
    ecl_store32(vkey + 1, id);
    ecl_caller(vkey + 5);
    u8 dummy[4];
    if (ecl_storage_read(vkey, 37, dummy, 0) >= 0) ECL_REVERT("voting: already voted");
    u8 opt[4];
    ecl_store32(opt, option);
    ecl_storage_write(vkey, 37, opt, 4);
    u8 ckey[9], cval[8];
    ckey[0] = 'C';
    ecl_store32(ckey + 1, id);
    ecl_store32(ckey + 5, option);
    ecl_store64(cval, load_count(id, option) + 1);
    ecl_storage_write(ckey, 9, cval, 8);
    u8 ev[40];
    ecl_store32(ev, id);
    ecl_store32(ev + 4, option);
    ecl_memcpy(ev + 8, vkey + 5, 32);
    ecl_emit_event(ECL_LIT("voting.voted"), ev, 40);
}

ECL_EXPORT(close) void close(void) {
    read_exact(4);
    u32 id = ecl_load32(in);
    proposal p;
    if (!load_proposal(id, &p)) ECL_REVERT("voting: no such proposal");
    u8 who[32];
    ecl_caller(who);
    if (!same_address(who, p.creator)) ECL_REVERT("voting: not creator");
    if (state_of(&p) != 0) ECL_REVERT("voting: closed");
    p.closed = 1;
    store_proposal(id, &p);
    ecl_emit_event(ECL_LIT("voting.closed"), in, 4);
}

ECL_EXPORT(tally) void tally(void) {
    read_exact(4);
    u32 id = ecl_load32(in);
    proposal p;
    if (!load_proposal(id, &p)) ECL_REVERT("voting: no such proposal");
    u8 out[5 + 16 * 8];
    out[0] = state_of(&p);
    ecl_store32(out + 1, p.n_options);
    for (u32 i = 0; i < p.n_options; i++) ecl_store64(out + 5 + 8 * i, load_count(id, i));
    ecl_return_data(out, 5 + 8 * p.n_options);
}

ECL_EXPORT(my_vote) void my_vote(void) {
    read_exact(4);
    u8 vkey[37], opt[4];
    vkey[0] = 'V';
    ecl_memcpy(vkey + 1, in, 4);
    ecl_caller(vkey + 5);
    if (ecl_storage_read(vkey, 37, opt, 4) != 4) ECL_REVERT("voting: not voted");
    ecl_return_data(opt, 4);
}
