#!/usr/bin/env python3
"""Checks Shoko claims without Shoko: Python 3 standard library, and openssl for the signatures.

    python3 verify_claims.py CLAIMS [--book FILE ...] [--ca-file TSA-ROOTS.pem]

CLAIMS is a claims folder, a claims .zip (`shoko claims export`) or a Shoko evidence package (folder or
.zip; its data/claims/ is read). For every list it checks the commitment's Ed25519 signature (openssl),
the timestamp reply if there is one, then for every claim: the leaf recomputed from salt, record key,
field and value, and the path from that leaf to the signed root. With --book, each book file is hashed
and the claims about it are marked as checked against your own copy.

Exit status: 0 every claim verified and every signature checked; 1 something failed; 2 bad input;
3 the claims verified but a signature or timestamp could not be checked (no openssl).
The scheme is in docs/claims.md of Shoko and in README.txt beside this file.
"""
import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

LEAF, NODE, SEP = b"\x00", b"\x01", b"\x00"
LABELS = {
    "name": "氏名 name", "name_kana": "フリガナ kana", "email": "メール e-mail", "phone": "電話 phone",
    "postal_code": "郵便番号 postal code", "address": "住所 address", "address.sans-prefecture": "住所 address (without prefecture)",
    "birth_date": "生年月日 birth date", "company": "会社 company",
}


def sha256(b):
    return hashlib.sha256(b).digest()


def leaf_hash(salt, key, field, value):
    return sha256(LEAF + salt + key.encode("utf-8") + SEP + field.encode("utf-8") + SEP + value.encode("utf-8"))


def root_from_path(leaf, path):
    h = leaf
    for step in path:
        sib = bytes.fromhex(step["hash"])
        if len(sib) != 32:
            raise ValueError("path node is not a SHA-256 value")
        if step["side"] == "left":
            h = sha256(NODE + sib + h)
        elif step["side"] == "right":
            h = sha256(NODE + h + sib)
        else:
            raise ValueError("path step side is neither left nor right")
    return h


DASHES = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u2500\u2501")
SPACES = set(" \t\r\n\u00a0\u3000\u30fb\u202f") | {chr(c) for c in range(0x2000, 0x200C)}


def simple_fold(text):
    """The plain part of Shoko's normalization (docs/claims.md): NFKC, lower case, katakana as hiragana,
    spaces and dashes dropped. Shoko also folds variant kanji, kanji numerals in addresses and phone
    prefixes; a value that differs only by those is reported as 'folds differently', not as a failure."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        c = ord(ch)
        if 0x30A1 <= c <= 0x30F4:
            ch = chr(c - 0x60)
        if ch in SPACES or ch in DASHES:
            continue
        out.append(ch.lower())
    return "".join(out)


def key_fingerprint(pem_bytes):
    body = b"".join(l for l in pem_bytes.splitlines() if l and not l.startswith(b"-----"))
    return "SHA256:" + hashlib.sha256(base64.b64decode(body)).hexdigest()


def openssl(args):
    exe = shutil.which("openssl")
    if not exe:
        return None
    p = subprocess.run([exe] + args, capture_output=True, text=True)
    return p.returncode, (p.stdout + p.stderr).strip()


class Source:
    """Files of a claims folder, a claims zip, or the data/claims/ of an evidence package."""

    def __init__(self, target):
        self.zip = None
        self.prefix = ""
        if os.path.isdir(target):
            self.root = target
            if os.path.isdir(os.path.join(target, "data", "claims")):
                self.root = os.path.join(target, "data", "claims")
        elif zipfile.is_zipfile(target):
            self.zip = zipfile.ZipFile(target)
            names = self.zip.namelist()
            for n in names:
                if n.endswith(("claims.json")) and "/list-" in "/" + n:
                    self.prefix = n[: n.index("list-")]
                    break
        else:
            raise SystemExit(f"{target}: not a claims folder, claims zip or evidence package")

    def read(self, rel):
        if self.zip:
            try:
                return self.zip.read(self.prefix + rel)
            except KeyError:
                return None
        p = os.path.join(self.root, rel)
        return open(p, "rb").read() if os.path.isfile(p) else None

    def list_dirs(self):
        if self.zip:
            dirs = {n[len(self.prefix):].split("/")[0] for n in self.zip.namelist() if n.startswith(self.prefix + "list-")}
        else:
            dirs = {d for d in os.listdir(self.root) if d.startswith("list-")}
        return sorted(dirs)

    def materialize(self, rel, tmp):
        data = self.read(rel)
        if data is None:
            return None
        p = os.path.join(tmp, rel.replace("/", "_"))
        with open(p, "wb") as f:
            f.write(data)
        return p


def main():
    ap = argparse.ArgumentParser(description="Verify Shoko claims (leaked records shown to be in a committed list).")
    ap.add_argument("claims")
    ap.add_argument("--book", action="append", default=[], help="your own copy of a book the claims name (hashed)")
    ap.add_argument("--ca-file", help="trusted TSA root certificates (PEM) for the timestamp reply")
    args = ap.parse_args()
    try:
        src = Source(args.claims)
    except OSError as e:
        print(f"{args.claims}: {e}", file=sys.stderr)
        return 2
    books = {}
    for b in args.book:
        h = hashlib.sha256()
        with open(b, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        books[h.hexdigest()] = b
    dirs = src.list_dirs()
    if not dirs:
        print("no list-*/claims.json found", file=sys.stderr)
        return 2
    failed = unchecked = 0
    total = ok_claims = 0
    records = set()
    with tempfile.TemporaryDirectory() as tmp:
        for d in dirs:
            statement_bytes = src.read(f"{d}/commitment.json")
            claims_bytes = src.read(f"{d}/claims.json")
            pem = src.read(f"{d}/public-key.pem")
            if statement_bytes is None or claims_bytes is None or pem is None:
                print(f"FAIL {d}: commitment.json, claims.json or public-key.pem missing")
                failed += 1
                continue
            statement = json.loads(statement_bytes.decode("utf-8"))
            doc = json.loads(claims_bytes.decode("utf-8"))
            root = bytes.fromhex(statement["root"])
            print(f"{d}: list {statement['list']['name']} (SHA-256 {statement['list']['sha256']}), {statement['records']} records, "
                  f"{statement['leaves']} leaves, root {statement['root']}, committed {statement['createdAt']}")
            list_ok = True
            fp = key_fingerprint(pem)
            if fp != statement.get("examinerKey"):
                print(f"FAIL {d}: commitment names key {statement.get('examinerKey')}, public-key.pem is {fp}")
                list_ok = False
            if hashlib.sha256(statement_bytes).hexdigest() != doc["commitment"]["sha256"] or doc["commitment"]["root"] != statement["root"]:
                print(f"FAIL {d}: claims.json refers to another commitment")
                list_ok = False
            r = openssl(["pkeyutl", "-verify", "-pubin", "-inkey", src.materialize(f"{d}/public-key.pem", tmp), "-rawin",
                         "-in", src.materialize(f"{d}/commitment.json", tmp), "-sigfile", src.materialize(f"{d}/commitment.sig", tmp) or "/nonexistent"])
            if r is None:
                print(f"  signature: NOT checked (openssl not found)")
                unchecked += 1
            elif r[0] == 0:
                print(f"  signature: Ed25519 signature by {fp} verified (openssl)")
            else:
                print(f"FAIL {d}: signature does not verify: {r[1]}")
                list_ok = False
            tsr = src.materialize(f"{d}/commitment.tsr", tmp)
            if not tsr:
                print("  timestamp: none (commitment.tsq is the RFC 3161 request; an accredited TSA's reply proves the time)")
            elif not args.ca_file:
                print("  timestamp: reply present; TSA not validated against a trusted root (give --ca-file)")
                unchecked += 1
            else:
                r = openssl(["ts", "-verify", "-data", src.materialize(f"{d}/commitment.json", tmp), "-in", tsr, "-CAfile", args.ca_file])
                if r is None:
                    print("  timestamp: NOT checked (openssl not found)")
                    unchecked += 1
                elif r[0] == 0:
                    print("  timestamp: verified against the given TSA roots (openssl ts -verify)")
                else:
                    print(f"FAIL {d}: timestamp does not verify: {r[1]}")
                    list_ok = False
            if not list_ok:
                failed += 1
            key_label = statement["list"].get("keyColumn") or "record"
            for cl in doc.get("claims", []):
                total += 1
                pages = ", ".join(str(p["page"]) for p in cl.get("places", []))
                label = LABELS.get(cl["field"], cl["field"])
                where = f"page {pages}" if pages else "no page"
                try:
                    salt = bytes.fromhex(cl["salt"])
                    if len(salt) != 32:
                        raise ValueError("salt is not 32 bytes")
                    leaf = leaf_hash(salt, cl["record"], cl["field"], cl["value"])
                    if leaf.hex() != cl["leaf"]:
                        raise ValueError("leaf does not match salt, record, field and value")
                    if root_from_path(leaf, cl["path"]) != root:
                        raise ValueError("path does not lead to the committed root")
                    if not list_ok:
                        raise ValueError("the commitment itself did not verify")
                except (ValueError, KeyError, TypeError) as e:
                    print(f"FAIL {where}: {key_label} {cl.get('record')} {label}: {e}")
                    failed += 1
                    continue
                ok_claims += 1
                records.add((d, cl["record"]))
                folds = all(simple_fold(p["text"]) == cl["value"] for p in cl.get("places", []))
                note = "" if folds else " (page text folds differently: OCR-tolerant match or a Shoko-only fold; compare by eye)"
                mine = [p for p in cl.get("places", []) if p["item"] in books]
                own = f"; in your copy {books[mine[0]['item']]}" if mine else ""
                print(f"{where}: {key_label} {cl['record']} {label} matches the committed list{note}{own}")
            for u in doc.get("unclaimed", []):
                print(f"  not claimed: {key_label} {u['record']} {u['field']}: {u['reason']}")
    print(f"{ok_claims} of {total} claims verified, {len(records)} record(s) shown to be in the committed list"
          + (f"; {failed} failure(s)" if failed else "") + (f"; {unchecked} check(s) not made" if unchecked else ""))
    if books:
        named = {p["item"] for d in dirs for cl in json.loads(src.read(f"{d}/claims.json")).get("claims", []) for p in cl.get("places", [])}
        for sha, b in books.items():
            print(f"book {b}: {'named in the claims' if sha in named else 'NOT named in any claim'} (SHA-256 {sha})")
    return 1 if failed else 3 if unchecked else 0


if __name__ == "__main__":
    sys.exit(main())
