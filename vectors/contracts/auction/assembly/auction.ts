// auction — an English auction with a block-height and block-time deadline (AssemblyScript).
//
// Encodings (integers little-endian; addresses are 32 bytes):
//   start     input: u64 duration_blocks || u64 duration_secs || u64 min_bid (24 bytes)
//             seller = caller; end_height = block_height + duration_blocks;
//             end_time = block_time + duration_secs. The auction is open while
//             block_height < end_height AND block_time < end_time.
//             event "auction.started": seller || end_height || end_time || min_bid
//             reverts "auction: already started"
//   bid       input: u64 amount. The previous highest bidder's amount becomes withdrawable.
//             event "auction.bid": bidder || amount || block_height || block_time
//             output: u64 previous highest bid (0 if none)
//             reverts "auction: not started", "auction: ended", "auction: seller cannot bid",
//             "auction: below minimum" (amount < min_bid), "auction: bid too low" (amount <= highest)
//   close     input: empty. Anyone, once the auction has ended.
//             event "auction.closed": winner (zero address if no bids) || amount
//             output: winner || amount
//             reverts "auction: not started", "auction: still open", "auction: already closed"
//   winner    input: empty. output: highest bidder || highest bid u64 || closed u8
//             reverts "auction: no bids"
//   withdraw  input: empty. Removes the caller's withdrawable amount; output: u64 amount
//             event "auction.withdrawn": caller || amount; reverts "auction: nothing to withdraw"
//   status    input: empty. output: u8 phase (0 not started, 1 open, 2 ended, 3 closed) ||
//             u64 end_height || u64 end_time || u64 block_height || u64 block_time
// Wrong input lengths revert "auction: bad input".
//
// Storage keys (ASCII): "seller", "end_height", "end_time", "min_bid", "high_bidder",
// "high_bid", "closed", and "pending:" || address for withdrawable amounts.

@external("ecliptica", "input_size")
declare function input_size(): i32;
@external("ecliptica", "input_read")
declare function input_read(dst: usize, offset: i32, len: i32): void;
@external("ecliptica", "storage_read")
declare function storage_read(key: usize, keyLen: i32, dst: usize, dstCap: i32): i32;
@external("ecliptica", "storage_write")
declare function storage_write(key: usize, keyLen: i32, val: usize, valLen: i32): void;
@external("ecliptica", "storage_remove")
declare function storage_remove(key: usize, keyLen: i32): i32;
@external("ecliptica", "return_data")
declare function return_data(ptr: usize, len: i32): void;
@external("ecliptica", "emit_event")
declare function emit_event(topic: usize, topicLen: i32, data: usize, dataLen: i32): void;
@external("ecliptica", "caller")
declare function caller(dst: usize): void;
@external("ecliptica", "block_height")
declare function block_height(): u64;
@external("ecliptica", "block_time")
declare function block_time(): u64;
@external("ecliptica", "revert")
declare function revert(msg: usize, len: i32): void;
@external("ecliptica", "abort")
declare function host_abort(msg: usize, len: i32): void;

// AssemblyScript's own abort (failed assertions, bounds checks) is routed here by
// `--use abort=assembly/auction/contractAbort` so the module imports nothing but the ABI.
function contractAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  const bytes = String.UTF8.encode(message !== null ? "auction: " + message : "auction: abort");
  host_abort(changetype<usize>(bytes), bytes.byteLength);
  unreachable();
}

// Byte buffers ------------------------------------------------------------------------------

function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

function fail(msg: string): void {
  const b = utf8(msg);
  revert(b.dataStart, b.length);
  unreachable();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const r = new Uint8Array(a.length + b.length);
  r.set(a, 0);
  r.set(b, a.length);
  return r;
}

function u64le(v: u64): Uint8Array {
  const r = new Uint8Array(8);
  store<u64>(r.dataStart, v);
  return r;
}

function readInput(expected: i32): Uint8Array {
  const n = input_size();
  if (n != expected) fail("auction: bad input");
  const r = new Uint8Array(n);
  input_read(r.dataStart, 0, n);
  return r;
}

function out(b: Uint8Array): void {
  return_data(b.dataStart, b.length);
}

function emit(topic: string, data: Uint8Array): void {
  const t = utf8(topic);
  emit_event(t.dataStart, t.length, data.dataStart, data.length);
}

function callerAddress(): Uint8Array {
  const r = new Uint8Array(32);
  caller(r.dataStart);
  return r;
}

function sameAddress(a: Uint8Array, b: Uint8Array): bool {
  for (let i = 0; i < 32; i++) if (a[i] != b[i]) return false;
  return true;
}

// Storage -----------------------------------------------------------------------------------

function has(key: Uint8Array): bool {
  const scratch = new Uint8Array(1);
  return storage_read(key.dataStart, key.length, scratch.dataStart, 0) >= 0;
}

function getBytes(key: Uint8Array, len: i32): Uint8Array | null {
  const r = new Uint8Array(len);
  const n = storage_read(key.dataStart, key.length, r.dataStart, len);
  if (n < 0) return null;
  if (n != len) fail("auction: corrupt storage");
  return r;
}

function getU64(key: Uint8Array): u64 {
  const b = getBytes(key, 8);
  return b === null ? 0 : load<u64>(b.dataStart);
}

function put(key: Uint8Array, val: Uint8Array): void {
  storage_write(key.dataStart, key.length, val.dataStart, val.length);
}

function pendingKey(who: Uint8Array): Uint8Array {
  return concat(utf8("pending:"), who);
}

// Phase -------------------------------------------------------------------------------------

const NOT_STARTED: u8 = 0;
const OPEN: u8 = 1;
const ENDED: u8 = 2;
const CLOSED: u8 = 3;

function phase(): u8 {
  if (!has(utf8("seller"))) return NOT_STARTED;
  if (has(utf8("closed"))) return CLOSED;
  if (block_height() < getU64(utf8("end_height")) && block_time() < getU64(utf8("end_time"))) return OPEN;
  return ENDED;
}

// Exports -----------------------------------------------------------------------------------

export function start(): void {
  const inp = readInput(24);
  if (has(utf8("seller"))) fail("auction: already started");
  const blocks = load<u64>(inp.dataStart);
  const secs = load<u64>(inp.dataStart + 8);
  const minBid = load<u64>(inp.dataStart + 16);
  const h = block_height(), t = block_time();
  // saturate instead of wrapping around
  const endHeight = h + blocks < h ? u64.MAX_VALUE : h + blocks;
  const endTime = t + secs < t ? u64.MAX_VALUE : t + secs;
  const seller = callerAddress();
  put(utf8("seller"), seller);
  put(utf8("end_height"), u64le(endHeight));
  put(utf8("end_time"), u64le(endTime));
  put(utf8("min_bid"), u64le(minBid));
  emit("auction.started", concat(concat(seller, u64le(endHeight)), concat(u64le(endTime), u64le(minBid))));
}

export function bid(): void {
  const inp = readInput(8);
  const amount = load<u64>(inp.dataStart);
  const p = phase();
  if (p == NOT_STARTED) fail("auction: not started");
  if (p != OPEN) fail("auction: ended");
  const bidder = callerAddress();
  const seller = getBytes(utf8("seller"), 32);
  if (seller !== null && sameAddress(bidder, seller)) fail("auction: seller cannot bid");
  if (amount < getU64(utf8("min_bid"))) fail("auction: below minimum");
  const prevBid = getU64(utf8("high_bid"));
  const prevBidder = getBytes(utf8("high_bidder"), 32);
  if (prevBidder !== null && amount <= prevBid) fail("auction: bid too low");
  if (prevBidder !== null) {
    const key = pendingKey(prevBidder);
    put(key, u64le(getU64(key) + prevBid));
  }
  put(utf8("high_bidder"), bidder);
  put(utf8("high_bid"), u64le(amount));
  emit("auction.bid", concat(concat(bidder, u64le(amount)), concat(u64le(block_height()), u64le(block_time()))));
  out(u64le(prevBid));
}

export function close(): void {
  readInput(0);
  const p = phase();
  if (p == NOT_STARTED) fail("auction: not started");
  if (p == OPEN) fail("auction: still open");
  if (p == CLOSED) fail("auction: already closed");
  const flag = new Uint8Array(1);
  flag[0] = 1;
  put(utf8("closed"), flag);
  let winner = getBytes(utf8("high_bidder"), 32);
  if (winner === null) winner = new Uint8Array(32);
  const result = concat(winner, u64le(getU64(utf8("high_bid"))));
  emit("auction.closed", result);
  out(result);
}

export function winner(): void {
  readInput(0);
  const w = getBytes(utf8("high_bidder"), 32);
  if (w === null) {
    fail("auction: no bids");
    return;
  }
  const closed = new Uint8Array(1);
  closed[0] = has(utf8("closed")) ? 1 : 0;
  out(concat(concat(w, u64le(getU64(utf8("high_bid")))), closed));
}

export function withdraw(): void {
  readInput(0);
  const who = callerAddress();
  const key = pendingKey(who);
  const amount = getU64(key);
  if (amount == 0) fail("auction: nothing to withdraw");
  storage_remove(key.dataStart, key.length);
  emit("auction.withdrawn", concat(who, u64le(amount)));
  out(u64le(amount));
}

export function status(): void {
  readInput(0);
  const r = new Uint8Array(33);
  r[0] = phase();
  store<u64>(r.dataStart + 1, getU64(utf8("end_height")));
  store<u64>(r.dataStart + 9, getU64(utf8("end_time")));
  store<u64>(r.dataStart + 17, block_height());
  store<u64>(r.dataStart + 25, block_time());
  out(r);
}
