#!/usr/bin/env python3
"""Writes the fuzz target's seed corpus from protocol/: every example body, every vector
(envelopes as wire lines, canonical and rejected JSON, attestation credentials), and one sample of each sync message
built from the vectors. Usage: fuzz_corpus.py OUTPUT_DIR"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "protocol"
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
count = 0


def seed(data):
    global count
    if isinstance(data, str):
        data = data.encode("utf-8")
    (out / hashlib.sha256(data).hexdigest()[:16]).write_bytes(data)
    count += 1


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


for path in sorted((ROOT / "examples").glob("*.json")):
    seed(path.read_bytes())

records = json.loads((ROOT / "vectors" / "records.json").read_text(encoding="utf-8"))
lines = [r["wireLine"] for r in records["records"]]
for record in records["records"]:
    seed(record["wireLine"])
    seed(bytes.fromhex(record["bodyCanonicalHex"]))
    seed(bytes.fromhex(record["headerCanonicalHex"]))

canonical = json.loads((ROOT / "vectors" / "canonical.json").read_text(encoding="utf-8"))
for group in ("canonical", "notNFC", "reject"):
    for item in canonical[group]:
        seed(item["input"])

credential = json.loads((ROOT / "vectors" / "credential.json").read_text(encoding="utf-8"))
seed(credential["credential"])
for item in credential["rejected"]:
    seed(item["credential"])

envelopes = [json.loads(line) for line in lines]
origin = envelopes[0]["header"]["origin"]["structure"]
epoch = "01a20000-0000-7000-8000-00000000e0c0"
batch = "01a20000-0000-7000-8000-00000000ba7c"
head = {"seq": envelopes[-1]["header"]["seq"], "hash": "0" * 64}
seed(compact({"origin": origin, "seq": 3, "hash": "0" * 64, "epoch": epoch}))
seed(compact({"batch": batch, "envelopes": envelopes}))
seed(compact({"batch": batch, "envelopes": envelopes + [{"header": None}, 7]}))
seed(compact({"batch": batch, "accepted": [e["header"]["id"] for e in envelopes], "duplicates": 0, "withheld": [],
              "rejected": [{"id": batch, "reason": "signature invalide", "permanent": True}], "forks": [],
              "gap": {"from": 2, "to": 4}, "head": head, "epoch": epoch, "replayed": False}))
seed(compact({"epoch": epoch, "next": 12, "more": True, "envelopes": envelopes}))
seed(compact({"epoch": epoch, "envelopes": envelopes}))
seed(compact({"error": {"code": "bad_request", "message": "Requête invalide : paramètre « since »."}}))
seed(compact({"code": "vmvp1.AAAA.BBBB", "structure": "CMP de Béziers", "sector": "sanitaire", "signingKey": "A" * 43 + "=",
              "encryptionKey": "A" * 43 + "=", "csr": "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
              "proof": "A" * 86 + "=="}))
seed(compact({"structure": origin, "certificate": "-----BEGIN CERTIFICATE-----\n", "ca": "-----BEGIN CERTIFICATE-----\n",
              "hub": envelopes[0], "member": envelopes[-1]}))
print(f"{count} seeds in {out}")
