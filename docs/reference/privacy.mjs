#!/usr/bin/env node
// Reference implementation of the Ecliptica privacy scheme "ecliptica-privacy/1".
//
// This script is the independent reference for docs/privacy.md. It is written from that document
// alone and shares no code with the Java implementation (harness/src/main/java/io/ecliptica/harness/crypto/,
// which uses BouncyCastle): every primitive here comes from the audited @noble libraries
// (@noble/hashes: SHA-256, HKDF; @noble/ciphers: AES-256-GCM-SIV; @noble/post-quantum: ML-KEM-768,
// ML-DSA-65), and every byte layout is built from the document's definitions.
//
// Setup (once):  cd docs/reference && npm ci          (versions pinned in package-lock.json)
// Usage:
//   node docs/reference/privacy.mjs           # print the worked examples of docs/privacy.md §9
//   node docs/reference/privacy.mjs --json    # read cases (JSON) on stdin, print their results
//
// --json input (byte strings as hex, "0x" optional; integers as decimal strings or numbers):
//   {"state":     [{master, address, storageKey, plaintext, height, txIndex}, ...],
//    "envelopes": [{master, viewingSeed, payload, height, txIndex, outputIndex}, ...],
//    "signing":   [{spendingSeed, chainId, to, nonce, gasLimit, function, input, args: ["i64:5", ...]}, ...],
//    "accounts":  [accountSecret, ...]}
// --json output: {"state": [{contractKey, slotKey, nonce, stored}],
//                 "envelopes": [{publicKeySha256, randomness, envelope}],
//                 "signing": [{publicKeySha256, address, payload, signature}],
//                 "accounts": [{viewingPublicKeySha256, address}]}
// ("signing" cases are signed with from = the address of the spending key.)
//
// Lines of the worked-example output that carry a checked value have the form
//     [example-id] name = 0x...
// so that tests can extract them mechanically.

import { sha256 } from '@noble/hashes/sha2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { gcmsiv } from '@noble/ciphers/aes.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';

// ---------------------------------------------------------------------------------------------
// byte helpers

const enc = new TextEncoder();

function hex(b) {
  return '0x' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function unhex(s) {
  const t = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s;
  if (t.length % 2 !== 0 || /[^0-9a-fA-F]/.test(t)) throw new Error('not hex: ' + s);
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function cat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// Big-endian unsigned integers of n bytes (values as BigInt).
function be(value, n) {
  let v = BigInt(value);
  if (v < 0n) v += 1n << BigInt(8 * n); // two's complement bits (wasm values)
  if (v < 0n || v >= 1n << BigInt(8 * n)) throw new Error(`${value} does not fit in ${n} bytes`);
  const out = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

const u16 = (v) => be(v, 2);
const u32 = (v) => be(v, 4);
const u64 = (v) => be(v, 8);

function range(n, start = 0) {
  return Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);
}

// ---------------------------------------------------------------------------------------------
// §2 domain labels and the derivation function

// label bytes followed by one 0x00 byte
const label = (name) => cat(enc.encode(name), Uint8Array.of(0));

const L_STATE_KEY = 'ecliptica/state-key/v1';
const L_DISCLOSE = 'ecliptica/disclose/v1';
const L_STATE_NONCE = 'ecliptica/state-nonce/v1';
const L_STATE_AAD = 'ecliptica/state-aad/v1';
const L_ENCAPS = 'ecliptica/encaps/v1';
const L_ENVELOPE_KEY = 'ecliptica/envelope-key/v1';
const L_VIEWING_SEED = 'ecliptica/viewing-seed/v1';
const L_SPENDING_SEED = 'ecliptica/spending-seed/v1';
const L_ADDRESS = 'ecliptica/address/v1';
const L_TX = 'ecliptica/tx/v1';

// KDF(ikm, label, context, L) = HKDF-SHA-256(salt = empty, ikm, info = label || 0x00 || context, L)
function kdf(ikm, name, context, length) {
  return hkdf(sha256, ikm, new Uint8Array(0), cat(label(name), context), length);
}

// ---------------------------------------------------------------------------------------------
// §3 encrypted state

function contractKey(master, address) {
  if (address.length !== 32) throw new Error('address must be 32 bytes');
  return kdf(master, L_STATE_KEY, address, 32);
}

function slotKey(kc, storageKey) {
  return kdf(kc, L_DISCLOSE, storageKey, 32);
}

function stateNonce(ks, height, txIndex) {
  return kdf(ks, L_STATE_NONCE, cat(u64(height), u32(txIndex)), 12);
}

function stateAad(address, storageKey) {
  return cat(label(L_STATE_AAD), address, storageKey);
}

function encryptState(master, address, storageKey, plaintext, height, txIndex) {
  const kc = contractKey(master, address);
  const ks = slotKey(kc, storageKey);
  const nonce = stateNonce(ks, height, txIndex);
  const aad = stateAad(address, storageKey);
  const sealed = gcmsiv(ks, nonce, aad).encrypt(plaintext);
  return { kc, ks, nonce, aad, stored: cat(Uint8Array.of(0x01), nonce, sealed) };
}

function decryptState(ks, address, storageKey, stored) {
  if (stored.length < 29 || stored[0] !== 0x01) throw new Error('not a v1 state value');
  const nonce = stored.subarray(1, 13);
  return gcmsiv(ks, nonce, stateAad(address, storageKey)).decrypt(stored.subarray(13));
}

// ---------------------------------------------------------------------------------------------
// §5 viewing keys and envelopes

function encapsRandomness(master, height, txIndex, outputIndex, ek) {
  return kdf(master, L_ENCAPS, cat(u64(height), u32(txIndex), u32(outputIndex), sha256(ek)), 32);
}

const ZERO_NONCE = new Uint8Array(12);
const ENVELOPE_AAD = Uint8Array.of(0x01);

function sealEnvelope(ek, payload, m) {
  const { cipherText, sharedSecret } = ml_kem768.encapsulate(ek, m);
  const ke = kdf(sharedSecret, L_ENVELOPE_KEY, cipherText, 32);
  const sealed = gcmsiv(ke, ZERO_NONCE, ENVELOPE_AAD).encrypt(payload);
  return { ct: cipherText, ss: sharedSecret, ke, envelope: cat(Uint8Array.of(0x01), cipherText, sealed) };
}

function openEnvelope(dk, envelope) {
  if (envelope.length < 1105 || envelope[0] !== 0x01) throw new Error('not a v1 envelope');
  const ct = envelope.subarray(1, 1089);
  const ss = ml_kem768.decapsulate(ct, dk);
  const ke = kdf(ss, L_ENVELOPE_KEY, ct, 32);
  return gcmsiv(ke, ZERO_NONCE, ENVELOPE_AAD).decrypt(envelope.subarray(1089));
}

// ---------------------------------------------------------------------------------------------
// §6 spending keys, addresses, signing payload

function address(pk) {
  return sha256(cat(label(L_ADDRESS), pk));
}

const VALTYPE = { i32: [0x7f, 4], i64: [0x7e, 8], f32: [0x7d, 4], f64: [0x7c, 8] };

function encodeArg(text) {
  const [type, value] = text.split(':');
  const [code, n] = VALTYPE[type];
  return cat(Uint8Array.of(code), be(BigInt(value), n)); // "i64:-5" or "f64:0x3ff0..."
}

function signingPayload(tx) {
  const fn = enc.encode(tx.function);
  const input = unhex(tx.input ?? '0x');
  const args = tx.args ?? [];
  return cat(
    label(L_TX),
    u64(tx.chainId),
    unhex(tx.from),
    unhex(tx.to),
    u64(tx.nonce),
    u64(tx.gasLimit),
    u16(fn.length), fn,
    u32(input.length), input,
    u16(args.length), ...args.map(encodeArg),
  );
}

// FIPS 204 ML-DSA.Sign, deterministic (rnd = 32 zero bytes), empty context
const sign = (payload, sk) => ml_dsa65.sign(payload, sk, { extraEntropy: false });

// ---------------------------------------------------------------------------------------------
// §7 account keys

function accountKeys(secret) {
  const viewingSeed = kdf(secret, L_VIEWING_SEED, new Uint8Array(0), 64);
  const spendingSeed = kdf(secret, L_SPENDING_SEED, new Uint8Array(0), 32);
  const viewing = ml_kem768.keygen(viewingSeed);
  const spending = ml_dsa65.keygen(spendingSeed);
  return { viewingSeed, spendingSeed, viewing, spending, address: address(spending.publicKey) };
}

// ---------------------------------------------------------------------------------------------
// worked examples (docs/privacy.md §9)

function line(id, name, value) {
  console.log(`[${id}] ${name} = ${value instanceof Uint8Array ? hex(value) : value}`);
}

function examples() {
  const master = range(32); // 0x000102...1f
  const contract = unhex('0x' + '00'.repeat(31) + '01');

  // A: one state value
  {
    const storageKey = enc.encode('count');
    const plaintext = unhex('0x0500000000000000');
    const r = encryptState(master, contract, storageKey, plaintext, 1n, 0n);
    line('A', 'contract_key', r.kc);
    line('A', 'slot_key', r.ks);
    line('A', 'nonce', r.nonce);
    line('A', 'aad', r.aad);
    line('A', 'stored', r.stored);
    const back = decryptState(r.ks, contract, storageKey, r.stored);
    if (hex(back) !== hex(plaintext)) throw new Error('A: round trip failed');
  }
  // B: the same value written again at another position, and the empty value
  {
    const storageKey = enc.encode('count');
    const r = encryptState(master, contract, storageKey, unhex('0x0500000000000000'), 2n, 3n);
    line('B', 'nonce', r.nonce);
    line('B', 'stored', r.stored);
    const e = encryptState(master, contract, storageKey, new Uint8Array(0), 2n, 3n);
    line('B', 'stored_empty_value', e.stored);
  }
  // C: another slot of the same contract, and the empty storage key
  {
    const kc = contractKey(master, contract);
    line('C', 'slot_key_owner', slotKey(kc, enc.encode('owner')));
    const r = encryptState(master, contract, new Uint8Array(0), enc.encode('x'), 0n, 0n);
    line('C', 'slot_key_empty_key', r.ks);
    line('C', 'stored_empty_key', r.stored);
  }
  // D: viewing key and envelope
  {
    const seed = range(64); // d = 0x00..1f, z = 0x20..3f
    const { publicKey, secretKey } = ml_kem768.keygen(seed);
    line('D', 'viewing_public_key_length', publicKey.length);
    line('D', 'viewing_public_key_sha256', sha256(publicKey));
    line('D', 'viewing_public_key_first32', publicKey.subarray(0, 32));
    const m = encapsRandomness(master, 1n, 0n, 0n, publicKey);
    line('D', 'encaps_randomness', m);
    const payload = enc.encode('hello, viewer');
    const r = sealEnvelope(publicKey, payload, m);
    line('D', 'kem_ciphertext_sha256', sha256(r.ct));
    line('D', 'kem_ciphertext_first32', r.ct.subarray(0, 32));
    line('D', 'shared_secret', r.ss);
    line('D', 'envelope_key', r.ke);
    line('D', 'envelope_length', r.envelope.length);
    line('D', 'envelope_sealed_part', r.envelope.subarray(1089));
    line('D', 'envelope_sha256', sha256(r.envelope));
    const back = openEnvelope(secretKey, r.envelope);
    if (hex(back) !== hex(payload)) throw new Error('D: round trip failed');
  }
  // E: spending key, address, signing payload, deterministic signature
  {
    const seed = range(32, 0x80); // 0x8081...9f
    const { publicKey, secretKey } = ml_dsa65.keygen(seed);
    line('E', 'spending_public_key_length', publicKey.length);
    line('E', 'spending_public_key_sha256', sha256(publicKey));
    line('E', 'spending_public_key_first32', publicKey.subarray(0, 32));
    const from = address(publicKey);
    line('E', 'address', from);
    const payload = signingPayload({
      chainId: 1n, from: hex(from), to: hex(contract), nonce: 0n, gasLimit: 100000000n,
      function: 'add', input: '0x', args: ['i64:5'],
    });
    line('E', 'payload', payload);
    const sig = sign(payload, secretKey);
    line('E', 'signature_length', sig.length);
    line('E', 'signature_sha256', sha256(sig));
    line('E', 'signature_first32', sig.subarray(0, 32));
    if (!ml_dsa65.verify(sig, payload, publicKey)) throw new Error('E: signature does not verify');
  }
  // F: account keys from one account secret
  {
    const a = accountKeys(new Uint8Array(32).fill(0xaa));
    line('F', 'viewing_seed', a.viewingSeed);
    line('F', 'spending_seed', a.spendingSeed);
    line('F', 'viewing_public_key_sha256', sha256(a.viewing.publicKey));
    line('F', 'address', a.address);
  }
}

// ---------------------------------------------------------------------------------------------
// --json: random cases from the Java cross-check test

function big(v) {
  return BigInt(v);
}

async function cases() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const out = {};
  out.state = (input.state ?? []).map((c) => {
    const r = encryptState(unhex(c.master), unhex(c.address), unhex(c.storageKey), unhex(c.plaintext),
      big(c.height), big(c.txIndex));
    return { contractKey: hex(r.kc), slotKey: hex(r.ks), nonce: hex(r.nonce), stored: hex(r.stored) };
  });
  out.envelopes = (input.envelopes ?? []).map((c) => {
    const { publicKey, secretKey } = ml_kem768.keygen(unhex(c.viewingSeed));
    const m = encapsRandomness(unhex(c.master), big(c.height), big(c.txIndex), big(c.outputIndex), publicKey);
    const r = sealEnvelope(publicKey, unhex(c.payload), m);
    if (hex(openEnvelope(secretKey, r.envelope)) !== hex(unhex(c.payload))) throw new Error('envelope round trip');
    return { publicKeySha256: hex(sha256(publicKey)), randomness: hex(m), envelope: hex(r.envelope) };
  });
  out.signing = (input.signing ?? []).map((c) => {
    const { publicKey, secretKey } = ml_dsa65.keygen(unhex(c.spendingSeed));
    const from = address(publicKey);
    const payload = signingPayload({ ...c, from: hex(from) });
    return { publicKeySha256: hex(sha256(publicKey)), address: hex(from), payload: hex(payload),
      signature: hex(sign(payload, secretKey)) };
  });
  out.accounts = (input.accounts ?? []).map((s) => {
    const a = accountKeys(unhex(s));
    return { viewingPublicKeySha256: hex(sha256(a.viewing.publicKey)), address: hex(a.address) };
  });
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (process.argv.includes('--json')) {
  await cases();
} else {
  examples();
}
