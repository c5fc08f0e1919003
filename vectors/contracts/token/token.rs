//! token — a fungible token (Rust, no_std, wasm32-unknown-unknown).
//!
//! Encodings (integers little-endian; addresses are 32 bytes):
//!   init          input: empty. Records the caller as owner. Reverts "token: already initialized".
//!   mint          input: to (32) || amount u64. Owner only ("token: not owner"); fails with
//!                 "token: not initialized" before init and "token: overflow" if the total supply
//!                 would pass 2^64-1. Emits Transfer from the zero address.
//!   transfer      input: to (32) || amount u64. Moves amount from caller() to `to`.
//!                 Reverts "token: insufficient balance". Emits Transfer. A zero amount is allowed.
//!   burn          input: amount u64. Destroys amount from the caller's balance (Transfer to the
//!                 zero address). Reverts "token: insufficient balance".
//!   balance_of    input: address (32). Output: u64 balance.
//!   total_supply  input: empty. Output: u64.
//!   owner         input: empty. Output: the owner address (32); reverts "token: not initialized".
//! Any other input length reverts "token: bad input".
//!
//! Events: topic "Transfer", data from (32) || to (32) || amount u64 (72 bytes).
//! Storage: "owner" -> address; "supply" -> u64; "bal:" || address -> u64. A balance that drops to
//! zero is removed (storage_remove) rather than stored as zero.
#![no_std]

mod abi {
    #[link(wasm_import_module = "ecliptica")]
    extern "C" {
        pub fn input_size() -> i32;
        pub fn input_read(dst: *mut u8, offset: i32, len: i32);
        pub fn storage_read(key: *const u8, key_len: i32, dst: *mut u8, dst_cap: i32) -> i32;
        pub fn storage_write(key: *const u8, key_len: i32, val: *const u8, val_len: i32);
        pub fn storage_remove(key: *const u8, key_len: i32) -> i32;
        pub fn return_data(ptr: *const u8, len: i32);
        pub fn emit_event(topic: *const u8, topic_len: i32, data: *const u8, data_len: i32);
        pub fn caller(dst: *mut u8);
        pub fn revert(msg: *const u8, len: i32) -> !;
        pub fn abort(msg: *const u8, len: i32) -> !;
    }
}

type Address = [u8; 32];
const ZERO: Address = [0u8; 32];

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    let msg = b"token: panic";
    unsafe { abi::abort(msg.as_ptr(), msg.len() as i32) }
}

fn fail(msg: &[u8]) -> ! {
    unsafe { abi::revert(msg.as_ptr(), msg.len() as i32) }
}

/// Reads the whole input into `buf`, which must have exactly the expected length.
fn input_exact(buf: &mut [u8]) {
    let n = unsafe { abi::input_size() };
    if n as usize != buf.len() {
        fail(b"token: bad input");
    }
    unsafe { abi::input_read(buf.as_mut_ptr(), 0, n) }
}

fn read_u64(key: &[u8]) -> u64 {
    let mut v = [0u8; 8];
    let n = unsafe { abi::storage_read(key.as_ptr(), key.len() as i32, v.as_mut_ptr(), 8) };
    match n {
        -1 => 0,
        8 => u64::from_le_bytes(v),
        _ => fail(b"token: corrupt storage"),
    }
}

fn write_u64(key: &[u8], v: u64) {
    let b = v.to_le_bytes();
    unsafe { abi::storage_write(key.as_ptr(), key.len() as i32, b.as_ptr(), 8) }
}

fn out_u64(v: u64) {
    let b = v.to_le_bytes();
    unsafe { abi::return_data(b.as_ptr(), 8) }
}

fn balance_key(who: &Address) -> [u8; 36] {
    let mut k = [0u8; 36];
    k[..4].copy_from_slice(b"bal:");
    k[4..].copy_from_slice(who);
    k
}

fn balance(who: &Address) -> u64 {
    read_u64(&balance_key(who))
}

fn set_balance(who: &Address, v: u64) {
    let k = balance_key(who);
    if v == 0 {
        unsafe { abi::storage_remove(k.as_ptr(), k.len() as i32) };
    } else {
        write_u64(&k, v);
    }
}

fn owner() -> Option<Address> {
    let mut a = ZERO;
    let key = b"owner";
    let n = unsafe { abi::storage_read(key.as_ptr(), key.len() as i32, a.as_mut_ptr(), 32) };
    if n == 32 { Some(a) } else { None }
}

fn caller() -> Address {
    let mut a = ZERO;
    unsafe { abi::caller(a.as_mut_ptr()) };
    a
}

fn emit_transfer(from: &Address, to: &Address, amount: u64) {
    let mut d = [0u8; 72];
    d[..32].copy_from_slice(from);
    d[32..64].copy_from_slice(to);
    d[64..].copy_from_slice(&amount.to_le_bytes());
    let topic = b"Transfer";
    unsafe { abi::emit_event(topic.as_ptr(), topic.len() as i32, d.as_ptr(), d.len() as i32) }
}

fn split_to_amount(buf: &[u8; 40]) -> (Address, u64) {
    let mut to = ZERO;
    to.copy_from_slice(&buf[..32]);
    let mut amt = [0u8; 8];
    amt.copy_from_slice(&buf[32..]);
    (to, u64::from_le_bytes(amt))
}

#[no_mangle]
pub extern "C" fn init() {
    input_exact(&mut []);
    if owner().is_some() {
        fail(b"token: already initialized");
    }
    let me = caller();
    let key = b"owner";
    unsafe { abi::storage_write(key.as_ptr(), key.len() as i32, me.as_ptr(), 32) }
}

#[no_mangle]
pub extern "C" fn mint() {
    let mut buf = [0u8; 40];
    input_exact(&mut buf);
    let (to, amount) = split_to_amount(&buf);
    match owner() {
        None => fail(b"token: not initialized"),
        Some(o) if o != caller() => fail(b"token: not owner"),
        Some(_) => {}
    }
    let supply = match read_u64(b"supply").checked_add(amount) {
        Some(s) => s,
        None => fail(b"token: overflow"),
    };
    // The supply bounds every balance, so the balance cannot overflow once the supply did not.
    write_u64(b"supply", supply);
    set_balance(&to, balance(&to) + amount);
    emit_transfer(&ZERO, &to, amount);
}

#[no_mangle]
pub extern "C" fn transfer() {
    let mut buf = [0u8; 40];
    input_exact(&mut buf);
    let (to, amount) = split_to_amount(&buf);
    let from = caller();
    let from_bal = balance(&from);
    if from_bal < amount {
        fail(b"token: insufficient balance");
    }
    set_balance(&from, from_bal - amount);
    set_balance(&to, balance(&to) + amount);
    emit_transfer(&from, &to, amount);
}

#[no_mangle]
pub extern "C" fn burn() {
    let mut buf = [0u8; 8];
    input_exact(&mut buf);
    let amount = u64::from_le_bytes(buf);
    let from = caller();
    let from_bal = balance(&from);
    if from_bal < amount {
        fail(b"token: insufficient balance");
    }
    set_balance(&from, from_bal - amount);
    write_u64(b"supply", read_u64(b"supply") - amount);
    emit_transfer(&from, &ZERO, amount);
}

#[no_mangle]
pub extern "C" fn balance_of() {
    let mut who = ZERO;
    input_exact(&mut who);
    out_u64(balance(&who));
}

#[no_mangle]
pub extern "C" fn total_supply() {
    input_exact(&mut []);
    out_u64(read_u64(b"supply"));
}

#[export_name = "owner"]
pub extern "C" fn owner_export() {
    input_exact(&mut []);
    match owner() {
        Some(o) => unsafe { abi::return_data(o.as_ptr(), 32) },
        None => fail(b"token: not initialized"),
    }
}
