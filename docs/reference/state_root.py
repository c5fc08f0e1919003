#!/usr/bin/env python3
"""Reference implementation of the Ecliptica state commitment "ecliptica-smt/1".

This script is the independent reference for docs/state-root.md.  It uses the Python 3
standard library only and follows the canonical definitions of the document literally: the
sparse Merkle tree root is computed recursively over the sorted set of leaves, never
incrementally, and the receipts root is the RFC 6962 Merkle Tree Hash computed recursively.
It also encodes receipts (docs/state-root.md §6.1, version 2) for the worked example (h).
It shares no code with the Java implementation (harness/src/main/java/io/ecliptica/harness/state/).

Usage:
    python3 docs/reference/state_root.py          # print the worked examples of docs/state-root.md
    python3 docs/reference/state_root.py --json   # read cases (JSON) on stdin, print their roots

--json input (all byte strings as hex, with or without "0x"):
    {"storages": [ [[key, value], ...], ... ],
     "worlds":   [ [[address, codeHash, [[key, value], ...]], ...], ... ],
     "receipts": [ [encoding, ...], ... ]}
--json output: {"storages": [root, ...], "worlds": [root, ...], "receipts": [root, ...]}
(roots as "0x" + lower-case hex).  Every list is optional on input; duplicate keys or addresses
in one case are an error.

Lines of the worked-example output that carry a checked value have the form
    [example-id] name = 0x...
so that tests can extract them mechanically.
"""

import hashlib
import json
import sys

SCHEME_ID = "ecliptica-smt/1"

EMPTY = bytes(32)          # root of an empty tree: 32 zero bytes
PREFIX_STORAGE_LEAF = 0x00  # storage-tree leaf
PREFIX_NODE = 0x01          # internal node (both trees)
PREFIX_ACCOUNT_LEAF = 0x02  # world-tree (account) leaf

MAX_KEY_LENGTH = 256
MAX_VALUE_LENGTH = 65536
ADDRESS_LENGTH = 32
HASH_LENGTH = 32


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def hx(b: bytes) -> str:
    return "0x" + b.hex()


def unhex(s: str) -> bytes:
    if s.startswith("0x") or s.startswith("0X"):
        s = s[2:]
    return bytes.fromhex(s)


def bit(path: bytes, d: int) -> int:
    """Bit d of a 256-bit path; bit 0 is the most significant bit of byte 0."""
    return (path[d // 8] >> (7 - d % 8)) & 1


def path_of(key: bytes) -> bytes:
    return sha256(key)


def leaf_hash(prefix: int, path: bytes, value: bytes) -> bytes:
    return sha256(bytes([prefix]) + path + sha256(value))


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(bytes([PREFIX_NODE]) + left + right)


class Tracer:
    """Collects a description of every hash computed while evaluating H(S, d)."""

    def __init__(self):
        self.lines = []

    def add(self, text):
        self.lines.append(text)


def prefix_bits(path: bytes, d: int) -> str:
    return "".join(str(bit(path, i)) for i in range(d)) or "(root)"


def smt_hash(leaves, d, trace=None):
    """Canonical H(S, d).

    leaves: list of (path, leaf_hash, label) sorted by path, all sharing their first d bits.
    """
    if len(leaves) == 0:
        return EMPTY
    if len(leaves) == 1:
        return leaves[0][1]
    if d >= 256:
        raise ValueError("two leaves with the same path (SHA-256 collision?)")
    left = [leaf for leaf in leaves if bit(leaf[0], d) == 0]
    right = [leaf for leaf in leaves if bit(leaf[0], d) == 1]
    hl = smt_hash(left, d + 1, trace)
    hr = smt_hash(right, d + 1, trace)
    h = node_hash(hl, hr)
    if trace is not None:
        trace.add("node depth %d prefix %s: SHA-256(0x01 || %s || %s) = %s"
                  % (d, prefix_bits(leaves[0][0], d), hx(hl), hx(hr), hx(h)))
    return h


def storage_leaves(storage, trace=None, indent=""):
    """storage: dict key(bytes) -> value(bytes).  Returns leaves sorted by path."""
    leaves = []
    for key, value in storage.items():
        if len(key) > MAX_KEY_LENGTH or len(value) > MAX_VALUE_LENGTH:
            raise ValueError("key or value too long")
        p = path_of(key)
        lh = leaf_hash(PREFIX_STORAGE_LEAF, p, value)
        leaves.append((p, lh, key))
        if trace is not None:
            trace.add("%sstorage leaf key %s value %s" % (indent, hx(key), hx(value)))
            trace.add("%s  path        = SHA-256(key)   = %s" % (indent, hx(p)))
            trace.add("%s  value hash  = SHA-256(value) = %s" % (indent, hx(sha256(value))))
            trace.add("%s  leaf hash   = SHA-256(0x00 || path || value hash) = %s" % (indent, hx(lh)))
    leaves.sort(key=lambda leaf: leaf[0])
    return leaves


def storage_root(storage, trace=None):
    return smt_hash(storage_leaves(storage, trace), 0, trace)


def world_root(world, trace=None):
    """world: dict address(32 bytes) -> (codeHash(32 bytes), storage dict)."""
    leaves = []
    for address, (code_hash, storage) in world.items():
        if len(address) != ADDRESS_LENGTH or len(code_hash) != HASH_LENGTH:
            raise ValueError("address and code hash must be 32 bytes")
        if trace is not None:
            trace.add("account %s" % hx(address))
            trace.add("  code hash     = %s" % hx(code_hash))
        sub = Tracer() if trace is not None else None
        sroot = storage_root(storage, sub)
        if trace is not None:
            for line in sub.lines:
                trace.add("    " + line)
            trace.add("  storage root  = %s" % hx(sroot))
        p = path_of(address)
        value = code_hash + sroot
        lh = leaf_hash(PREFIX_ACCOUNT_LEAF, p, value)
        if trace is not None:
            trace.add("  path          = SHA-256(address) = %s" % hx(p))
            trace.add("  account value = codeHash || storageRoot = %s" % hx(value))
            trace.add("  value hash    = SHA-256(account value) = %s" % hx(sha256(value)))
            trace.add("  leaf hash     = SHA-256(0x02 || path || value hash) = %s" % hx(lh))
        leaves.append((p, lh, address))
    leaves.sort(key=lambda leaf: leaf[0])
    return smt_hash(leaves, 0, trace)


def largest_power_of_two_below(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(items, trace=None):
    """RFC 6962 section 2.1 Merkle Tree Hash."""
    n = len(items)
    if n == 0:
        return sha256(b"")
    if n == 1:
        h = sha256(b"\x00" + items[0])
        if trace is not None:
            trace.add("leaf %s: SHA-256(0x00 || d) = %s" % (hx(items[0]), hx(h)))
        return h
    k = largest_power_of_two_below(n)
    left = mth(items[:k], trace)
    right = mth(items[k:], trace)
    h = sha256(b"\x01" + left + right)
    if trace is not None:
        trace.add("node over %d items (split %d + %d): SHA-256(0x01 || %s || %s) = %s"
                  % (n, k, n - k, hx(left), hx(right), hx(h)))
    return h


# ---------------------------------------------------------------------------------------------
# Worked examples (docs/state-root.md, section "Worked examples")
# ---------------------------------------------------------------------------------------------

EMPTY_MODULE = unhex("0061736d01000000")               # wasm magic + version: the empty module
CUSTOM_MODULE = unhex("0061736d0100000000050474657374")  # + one custom section named "test"

ADDRESS_A = bytes(31) + b"\x01"
ADDRESS_B = bytes(31) + b"\x02"


def find_shared_prefix_pair(bits):
    """First pair of 2-byte keys (scanning 0x0000, 0x0001, ...) whose paths share `bits` bits."""
    assert bits <= 16 and bits % 8 == 0
    seen = {}
    for j in range(1 << 16):
        key = j.to_bytes(2, "big")
        prefix = path_of(key)[: bits // 8]
        if prefix in seen:
            return seen[prefix], key
        seen[prefix] = key
    raise AssertionError("no pair found")


def common_prefix_length(a, b):
    for d in range(256):
        if bit(a, d) != bit(b, d):
            return d
    return 256


# ---- receipts (docs/state-root.md §6.1, receipt encoding version 2) --------------------------

RECEIPT_VERSION = 2
STATUS_CODES = {"ok": 0, "revert": 1, "trap": 2, "invalid": 3}
VALUE_TYPES = {"i32": 0x7f, "i64": 0x7e, "f32": 0x7d, "f64": 0x7c}


def u32(n):
    return n.to_bytes(4, "big")


def u64(n):
    return n.to_bytes(8, "big")


def length_prefixed(b):
    return u32(len(b)) + b


def receipt_encoding(status, cls, output, results, events, writes, gas_used, state_root):
    """results: [(type, bits)]; events: [(emitter, topic, data)] in emission order;
    writes: [(address, key, value or None)], encoded ordered by (address, key)."""
    out = bytes([RECEIPT_VERSION, STATUS_CODES[status]]) + length_prefixed(cls.encode("ascii"))
    out += length_prefixed(output)
    out += u32(len(results))
    for t, bits in results:
        out += bytes([VALUE_TYPES[t]]) + u64(bits)
    out += u32(len(events))
    for emitter, topic, data in events:
        out += length_prefixed(emitter) + length_prefixed(topic) + length_prefixed(data)
    out += u32(len(writes))
    for address, key, value in sorted(writes, key=lambda w: (w[0], w[1])):
        out += length_prefixed(address) + length_prefixed(key)
        out += bytes([0]) if value is None else bytes([1]) + length_prefixed(value)
    return out + u64(gas_used) + state_root


def out(tag, name, value):
    print("[%s] %s = %s" % (tag, name, hx(value)))


def show(trace):
    for line in trace.lines:
        print("    " + line)


def examples():
    print("Worked examples for %s, computed by docs/reference/state_root.py" % SCHEME_ID)
    print()

    # (a) empty storage, empty world, one account without storage
    print("(a) Empty trees")
    out("a", "storageRoot({})", storage_root({}))
    out("a", "stateRoot({})", world_root({}))
    code_a = sha256(EMPTY_MODULE)
    print("    one account, no storage: address %s, code = %s" % (hx(ADDRESS_A), hx(EMPTY_MODULE)))
    t = Tracer()
    root = world_root({ADDRESS_A: (code_a, {})}, t)
    show(t)
    out("a", "stateRoot(one account, empty storage)", root)
    print()

    # (b) one contract with one key
    print("(b) One contract, one key")
    key, value = b"counter", (42).to_bytes(8, "big")
    print("    address %s, code = %s, storage {%s: %s}" % (hx(ADDRESS_A), hx(EMPTY_MODULE), hx(key), hx(value)))
    t = Tracer()
    root = world_root({ADDRESS_A: (code_a, {key: value})}, t)
    show(t)
    out("b", "storageRoot", storage_root({key: value}))
    out("b", "stateRoot", root)
    print()

    # (c) two keys whose paths split at bit 0
    print("(c) Two keys whose paths differ at bit 0")
    storage_c = {b"\x00": b"\x01", b"\x02": b"\x02"}
    assert bit(path_of(b"\x00"), 0) != bit(path_of(b"\x02"), 0)
    print("    storage {0x00: 0x01, 0x02: 0x02}")
    t = Tracer()
    root = storage_root(storage_c, t)
    show(t)
    out("c", "storageRoot", root)
    print()

    # (d) two keys whose paths share a long prefix
    print("(d) Two keys whose paths share a long prefix")
    k1, k2 = find_shared_prefix_pair(16)
    cpl = common_prefix_length(path_of(k1), path_of(k2))
    print("    keys found by scanning 2-byte keys 0x0000, 0x0001, ... for the first pair whose paths")
    print("    share their first 16 bits: %s and %s; their paths share %d bits (differ at bit %d)"
          % (hx(k1), hx(k2), cpl, cpl))
    storage_d = {k1: b"\x01", k2: b"\x02"}
    print("    storage {%s: 0x01, %s: 0x02}" % (hx(k1), hx(k2)))
    t = Tracer()
    root = storage_root(storage_d, t)
    show(t)
    out("d", "storageRoot", root)
    print()

    # (e) two contracts with three keys each
    print("(e) Two contracts, three keys each")
    code_b = sha256(CUSTOM_MODULE)
    storage_ea = {b"": b"\x01", b"\x00": b"", b"key": b"value"}
    storage_eb = {b"\x01": b"\xaa" * 4, b"\x02": b"\xbb" * 4, b"\x01\x02\x03": bytes(range(33))}
    print("    contract A: address %s, code = %s" % (hx(ADDRESS_A), hx(EMPTY_MODULE)))
    for k, v in sorted(storage_ea.items()):
        print("        %s -> %s" % (hx(k), hx(v)))
    print("    contract B: address %s, code = %s" % (hx(ADDRESS_B), hx(CUSTOM_MODULE)))
    for k, v in sorted(storage_eb.items()):
        print("        %s -> %s" % (hx(k), hx(v)))
    t = Tracer()
    root = world_root({ADDRESS_A: (code_a, storage_ea), ADDRESS_B: (code_b, storage_eb)}, t)
    show(t)
    out("e", "codeHash(A)", code_a)
    out("e", "codeHash(B)", code_b)
    out("e", "storageRoot(A)", storage_root(storage_ea))
    out("e", "storageRoot(B)", storage_root(storage_eb))
    out("e", "stateRoot", root)
    print()

    # (f) receipts roots
    print("(f) Receipts roots (RFC 6962 Merkle Tree Hash)")
    receipts = [b"receipt-0", b"receipt-1", b"receipt-2"]
    for n in (0, 1, 3):
        items = receipts[:n]
        print("    receipts: [%s]" % ", ".join(hx(r) for r in items))
        t = Tracer()
        root = mth(items, t)
        show(t)
        out("f", "receiptsRoot(%d)" % n, root)
    print()

    # (g) RFC 6962 cross-check: the Certificate Transparency reference test leaves
    print("(g) RFC 6962 Merkle Tree Hash of the first n Certificate Transparency test leaves")
    ct_leaves = [unhex(x) for x in ("", "00", "10", "2021", "3031", "40414243",
                                    "5051525354555657", "606162636465666768696a6b6c6d6e6f")]
    print("    leaves: [%s]" % ", ".join(hx(x) for x in ct_leaves))
    for n in range(0, len(ct_leaves) + 1):
        out("g", "mth(%d)" % n, mth(ct_leaves[:n]))
    print()

    # (h) receipt encoding version 2: contract A (..01) called contract B (..02); B emitted
    # first, then A; A set key 6b, B deleted its own key 6b
    print("(h) Receipt encoding, version 2 (writes and events carry their contract's address)")
    a = bytes(31) + b"\x01"
    b = bytes(31) + b"\x02"
    encoding = receipt_encoding("ok", "", b"\x2a", [("i32", 0xffffffff)],
                                [(b, b"\x74", b""), (a, b"\x75", b"\x01")],
                                [(b, b"\x6b", None), (a, b"\x6b", b"\x01")], 0, b"\x11" * 32)
    out("h", "receipt", encoding)
    out("h", "receiptsRoot(1)", mth([encoding]))


def json_mode():
    cases = json.load(sys.stdin)
    result = {}

    def pairs_to_dict(pairs, what):
        d = {}
        for item in pairs:
            k = unhex(item[0])
            if k in d:
                raise ValueError("duplicate " + what)
            d[k] = item[1]
        return d

    if "storages" in cases:
        result["storages"] = [
            hx(storage_root({k: unhex(v) for k, v in pairs_to_dict(case, "key").items()}))
            for case in cases["storages"]]
    if "worlds" in cases:
        roots = []
        for case in cases["worlds"]:
            world = {}
            for addr, acc in pairs_to_dict([[a[0], a[1:]] for a in case], "address").items():
                code_hash, pairs = acc
                storage = {k: unhex(v) for k, v in pairs_to_dict(pairs, "key").items()}
                world[addr] = (unhex(code_hash), storage)
            roots.append(hx(world_root(world)))
        result["worlds"] = roots
    if "receipts" in cases:
        result["receipts"] = [hx(mth([unhex(r) for r in case])) for case in cases["receipts"]]
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--json"]:
        json_mode()
    elif sys.argv[1:] == []:
        examples()
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
