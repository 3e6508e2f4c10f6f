#!/usr/bin/env python3
"""Check the JSON Schemas in protocol/schemas/ against the examples and test vectors.

- Every protocol/examples/<schema>.<name>.json (also in sub-folders, e.g.
  examples/sync/) is validated against protocol/schemas/<schema>.schema.json
  or, for the sync messages, protocol/schemas/sync/<schema>.schema.json;
  <schema>.invalid.<name>.json must be rejected.
- protocol/vectors/credential.json is checked the way credential.md tells an outsider to:
  the JWS is split and decoded here, its signature verified with the `cryptography` package's
  Ed25519 and the key set given, and each credential listed as rejected must fail with its code.
- If protocol/vectors/records.json exists, every record body found in it is
  validated against the schema of its type, and the headers and wire lines
  next to them against header.schema.json and envelope.schema.json.
- protocol/vectors/redaction.json is checked without vmvp's code (federation.md,
  "Redactions"): canonical headers, Ed25519 signatures (`cryptography` package),
  chain links, the body hash of each body as signed, each residue computed here
  from the body it replaces, the wire lines with their `redacted` member, the
  pairing of each erased envelope with its redaction, and the cases it lists as
  rejected.

Besides the schema, each document is read the way the protocol reads JSON
(no fraction or exponent, integers within ±(2^53-1), no duplicate key, strings
in NFC) and the rules a schema cannot express are checked for record bodies
(calendar dates, from <= to, periods of at most 366 days, offer periods long
enough for the stay, sorted recipients), also for the clear bodies of the
immersion workflow records (and the order of a follow-up's jointWork), for the
period a sealed body discloses and for a partnership's `since`. See
protocol/README.md and protocol/federation.md.

Uses the `jsonschema` package. Exit status 1 on any failure; the last line of
output is "N passed, M failed".
"""

import base64
import binascii
import datetime
import hashlib
import json
import pathlib
import sys
import unicodedata

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

HERE = pathlib.Path(__file__).resolve().parent
SCHEMAS = HERE / "schemas"
EXAMPLES = HERE / "examples"
RECORD_VECTORS = HERE / "vectors" / "records.json"
CREDENTIAL_VECTOR = HERE / "vectors" / "credential.json"
REDACTION_VECTOR = HERE / "vectors" / "redaction.json"
BODY_TYPES = ("structure_profile", "offer", "demand", "tombstone")
FEDERATION_SCHEMAS = ("member", "revocation", "message", "sealed_body", "enroll-request", "enroll-response",
                      "head-response", "push-request", "push-response", "changes-response", "own-response", "error")
# Clear bodies (inside the seal) of the immersion workflow's `parties` records, and the network
# rules only the hub publishes (README, "Immersion workflow records").
WORKFLOW_SCHEMAS = ("immersion_request", "immersion_answer", "immersion_convention", "convention_signature",
                    "immersion_cancellation", "immersion_evaluation")
NETWORK_RULE_SCHEMAS = ("glossary_entry", "convention_template", "reciprocity_policy", "retention_policy")
# Erasure by redaction (federation.md, "Redactions"): the record and what a holder keeps.
REDACTION_SCHEMAS = ("redaction", "redaction_residue")
# A follow-up's jointWork values, in the order a body lists them (README, "immersion_followup").
JOINT_WORK = ("situation", "orientation", "rencontre", "formation", "convention")
# Where each type keeps its periods ({"from", "to"} objects in an array).
PERIOD_FIELDS = {"offer": "possiblePeriods", "demand": "possiblePeriods", "immersion_request": "period",
                 "immersion_answer": "period", "immersion_convention": "period"}
MAX_SAFE = 2**53 - 1


class StrictJSONError(ValueError):
    pass


def _reject_float(text):
    raise StrictJSONError(f"number with a fraction or exponent: {text}")


def _reject_constant(text):
    raise StrictJSONError(f"not JSON: {text}")


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise StrictJSONError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def strict_problems(text):
    """Problems the protocol's reader would report, or [] if it reads the text."""
    try:
        value = json.loads(text, parse_float=_reject_float, parse_constant=_reject_constant,
                           object_pairs_hook=_no_duplicates)
    except (StrictJSONError, ValueError) as error:
        return [f"strict JSON: {error}"]
    problems = []

    def walk(v, path):
        if isinstance(v, bool) or v is None:
            return
        if isinstance(v, int):
            if abs(v) > MAX_SAFE:
                problems.append(f"{path or '(racine)'}: integer out of range ±(2^53-1)")
        elif isinstance(v, str):
            if unicodedata.normalize("NFC", v) != v:
                problems.append(f"{path or '(racine)'}: string not in Unicode NFC")
            if any(0xD800 <= ord(c) <= 0xDFFF for c in v):
                problems.append(f"{path or '(racine)'}: lone surrogate")
        elif isinstance(v, list):
            for i, item in enumerate(v):
                walk(item, f"{path}[{i}]")
        elif isinstance(v, dict):
            for k, item in v.items():
                if unicodedata.normalize("NFC", k) != k:
                    problems.append(f"{path or '(racine)'}: key {k!r} not in Unicode NFC")
                walk(item, f"{path}.{k}" if path else k)

    walk(value, "")
    return problems


def parse_day(text):
    try:
        if len(text) != 10:
            return None
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def rule_problems(kind, body):
    """Rules of record bodies that JSON Schema cannot express (README, "Record types")."""
    problems = []
    if kind == "envelope" and isinstance(body, dict):
        kind, body = "header", body.get("header")
    if kind == "header" and isinstance(body, dict):
        recipients = body.get("recipients")
        if isinstance(recipients, list) and all(isinstance(r, str) for r in recipients):
            if recipients != sorted(set(recipients), key=lambda r: r.encode("utf-8")):
                problems.append("recipients: not sorted by byte order, or duplicated")
        if isinstance(body.get("created"), str) and parse_day(body["created"][:10]) is None:
            problems.append("created: not a calendar day")
        return problems
    if kind in ("member", "revocation") and isinstance(body, dict):
        key = "enrolledAt" if kind == "member" else "revokedAt"
        if isinstance(body.get(key), str) and parse_day(body[key][:10]) is None:
            problems.append(f"{key}: not a calendar day")
        return problems
    if kind in ("redaction", "redaction_residue") and isinstance(body, dict):
        for key in ("envelopes", "threads", "structures"):
            items = body.get(key)
            if isinstance(items, list) and all(isinstance(x, str) for x in items) and \
                    items != sorted(set(items), key=lambda x: x.encode("utf-8")):
                problems.append(f"{key}: not sorted by byte order, or duplicated")
        return problems
    if kind == "sealed_body" and isinstance(body, dict) and isinstance(body.get("keys"), list):
        structures = [k.get("structure") for k in body["keys"] if isinstance(k, dict)]
        if all(isinstance(x, str) for x in structures) and \
                structures != sorted(set(structures), key=lambda x: x.encode("utf-8")):
            problems.append("keys: structures not sorted by byte order, or duplicated")
        disclosed = body.get("disclosed")
        period = disclosed.get("period") if isinstance(disclosed, dict) else None
        if isinstance(period, dict):
            # Any valid calendar day (years 0001-9999) and from <= to; no length limit here.
            start, end = parse_day(period.get("from")), parse_day(period.get("to"))
            for key, day in (("from", start), ("to", end)):
                if isinstance(period.get(key), str) and day is None:
                    problems.append(f"disclosed.period.{key}: not a calendar day")
            if start is not None and end is not None and start > end:
                problems.append("disclosed.period.to: before from")
        return problems
    if kind == "immersion_followup" and isinstance(body, dict) and isinstance(body.get("jointWork"), list):
        kinds = body["jointWork"]
        if all(k in JOINT_WORK for k in kinds) and kinds != sorted(set(kinds), key=JOINT_WORK.index):
            problems.append("jointWork: not in the order of the list, or duplicated")
        return problems
    if kind == "partnership" and isinstance(body, dict):
        if isinstance(body.get("since"), str) and parse_day(body["since"]) is None:
            problems.append("since: not a calendar day")
        return problems
    if not isinstance(body, dict) or kind not in PERIOD_FIELDS:
        return problems
    field = PERIOD_FIELDS[kind]
    periods = body.get(field)
    duration = body.get("durationHalfDays")
    for i, period in enumerate(periods if isinstance(periods, list) else []):
        if not isinstance(period, dict):
            continue
        start, end = parse_day(period.get("from")), parse_day(period.get("to"))
        for key, day in (("from", start), ("to", end)):
            if isinstance(period.get(key), str) and day is None:
                problems.append(f"{field}[{i}].{key}: not a calendar day")
        if start is None or end is None:
            continue
        if start > end:
            problems.append(f"{field}[{i}].to: before from")
        elif (end - start).days > 366:
            problems.append(f"{field}[{i}].to: period longer than 366 days")
        elif kind == "offer" and isinstance(duration, int) and ((end - start).days + 1) * 2 < duration:
            problems.append(f"{field}[{i}]: too short for {duration} half-days")
    if kind == "offer" and isinstance(body.get("writtenOn"), str) and parse_day(body["writtenOn"]) is None:
        problems.append("writtenOn: not a calendar day")
    return problems


def load_validators():
    schemas = {}
    for path in sorted(SCHEMAS.glob("*.schema.json")) + sorted(SCHEMAS.glob("sync/*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        name = path.name[: -len(".schema.json")]
        if name in schemas:
            raise ValueError(f"two schemas named {name}")
        schemas[name] = schema
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values() if "$id" in schema
    )
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}


def schema_problems(validator, value):
    problems = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        problems.append(f"schema: {where or '(racine)'}: {error.message}")
    return problems


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def report(self, ok, label, detail=()):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'ok  ' if ok else 'FAIL'} {label}")
        for line in detail:
            print(f"       {line}")


def check_examples(validators, tally):
    if not EXAMPLES.is_dir():
        print(f"note: {EXAMPLES.relative_to(HERE)}/ not found, no examples checked")
        return
    for path in sorted(EXAMPLES.rglob("*.json")):
        label = str(path.relative_to(HERE))
        parts = path.name.split(".")
        kind = parts[0]
        expect_invalid = len(parts) > 2 and parts[1] == "invalid"
        validator = validators.get(kind)
        if validator is None:
            tally.report(False, label, [f"no schema named {kind}.schema.json"])
            continue
        text = path.read_text(encoding="utf-8")
        try:
            value = json.loads(text)
        except ValueError as error:
            value, problems = None, [f"not JSON: {error}"]
        else:
            problems = strict_problems(text) + schema_problems(validator, value)
            problems += rule_problems(kind, value)
        if expect_invalid:
            tally.report(bool(problems), label + " (must be rejected)",
                         [f"rejected: {p}" for p in problems] if problems else ["was accepted"])
        else:
            tally.report(not problems, label, problems)


# --- credential vector (credential.md, "Verification") ------------------------


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def credential_code(token, directory):
    """The checks of credential.md in their order: None if authentic, else the refusal's code."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        header_part, payload_part, signature_part = token.split(".")
        header, payload = json.loads(b64url(header_part)), json.loads(b64url(payload_part))
        signature = b64url(signature_part)
    except (ValueError, binascii.Error):
        return "malformed"
    if header.get("alg") != "EdDSA":
        return "malformed"
    issuer = payload.get("issuer", {}).get("id")
    if payload.get("iss") != issuer:
        return "malformed"
    keys = directory["keys"]
    if not any(k["structure"] == issuer for k in keys):
        return "unknown_issuer"
    key = next((k for k in keys if k["kid"] == header.get("kid")), None)
    if key is None:
        return "unknown_key"
    if key["structure"] != issuer:
        return "other_structure_key"
    try:
        Ed25519PublicKey.from_public_bytes(b64url(key["x"])).verify(signature, f"{header_part}.{payload_part}".encode("ascii"))
    except InvalidSignature:
        return "bad_signature"
    revoked = key.get("revokedAt")
    if revoked is not None and revoked <= payload["validFrom"]:
        return "revoked"
    return None


def check_credential_vector(validators, tally):
    if not CREDENTIAL_VECTOR.exists():
        print(f"note: {CREDENTIAL_VECTOR.relative_to(HERE)} not found, no credential checked")
        return
    label = str(CREDENTIAL_VECTOR.relative_to(HERE))
    vector = json.loads(CREDENTIAL_VECTOR.read_text(encoding="utf-8"))
    token = vector["credential"]
    code = credential_code(token, vector["directory"])
    tally.report(code is None, f"{label} credential verifies with the directory's key", [f"refused: {code}"] if code else [])
    payload = json.loads(b64url(token.split(".")[1]))
    tally.report(payload == vector["payload"], f"{label} payload is the one published", [])
    tally.report(hashlib.sha256(token.encode("ascii")).hexdigest() == vector["fingerprint"], f"{label} fingerprint", [])
    tally.report(not schema_problems(validators["attestation_credential"], payload), f"{label} payload [attestation_credential]",
                 schema_problems(validators["attestation_credential"], payload))
    for item in vector["rejected"]:
        got = credential_code(item["credential"], item.get("directory", vector["directory"]))
        tally.report(got == item["code"], f"{label} rejected: {item['name']} ({item['code']})", [f"got {got}"] if got != item["code"] else [])


# --- redaction vector (federation.md, "Redactions") ---------------------------


def canonical(value):
    """Canonical JSON (README, "Canonical encoding") for the values of the vectors: keys in code
    point order (that of their UTF-8 bytes), no whitespace, non-ASCII written as UTF-8."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def residue_of(body, visibility):
    """What a holder keeps of an erased body: {} for a clear one; of a sealed one, its disclosed
    metadata and its parties."""
    sealed = visibility == "parties" and isinstance(body, dict) and \
        body.get("alg") == "hpke-base-x25519-sha256-chachapoly" and isinstance(body.get("keys"), list)
    if not sealed:
        return {}
    residue = {"structures": sorted((k["structure"] for k in body["keys"]), key=lambda x: x.encode("utf-8"))}
    if "disclosed" in body:
        residue["disclosed"] = body["disclosed"]
    return residue


def check_redaction_vector(validators, tally):
    if not REDACTION_VECTOR.exists():
        print(f"note: {REDACTION_VECTOR.relative_to(HERE)} not found, no redaction checked")
        return
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    label = str(REDACTION_VECTOR.relative_to(HERE))
    vector = json.loads(REDACTION_VECTOR.read_text(encoding="utf-8"))
    public = bytes.fromhex(vector["publicKeyHex"])
    key = Ed25519PublicKey.from_public_bytes(public)
    tally.report(vector["keyId"] == "ed25519:" + hashlib.sha256(public).hexdigest()[:32], f"{label} key id", [])
    prev = "0" * 64
    held = {}
    for item in vector["envelopes"]:
        name = f"{label} {item['name']}"
        header, problems = item["header"], []
        header_bytes = canonical(header)
        if header_bytes.hex() != item["headerCanonicalHex"]:
            problems.append("headerCanonicalHex is not the canonical header")
        problems += schema_problems(validators["header"], header) + rule_problems("header", header)
        try:
            key.verify(bytes.fromhex(item["signature"]), header_bytes)
        except InvalidSignature:
            problems.append("signature does not verify over the canonical header")
        if hashlib.sha256(header_bytes).hexdigest() != item["envelopeHash"]:
            problems.append("envelopeHash")
        if header["prev"] != prev:
            problems.append("prev does not name the previous envelope")
        prev = item["envelopeHash"]
        signed = item["originalBody"] if item["erased"] else item["body"]
        signed_bytes = canonical(signed)
        if signed_bytes.hex() != item["originalBodyCanonicalHex" if item["erased"] else "bodyCanonicalHex"]:
            problems.append("the body as signed is not canonical")
        if hashlib.sha256(signed_bytes).hexdigest() != header["bodyHash"]:
            problems.append("bodyHash is not the hash of the body as signed")
        if header["type"] in validators and header["visibility"] != "parties":
            problems += schema_problems(validators[header["type"]], signed) + rule_problems(header["type"], signed)
        line = item["wireLine"]
        wire = json.loads(line)
        if canonical(wire) != line.encode("utf-8"):
            problems.append("wireLine is not canonical")
        problems += schema_problems(validators["envelope"], wire)
        if wire["header"] != header or base64.b64decode(wire["signature"]).hex() != item["signature"]:
            problems.append("wireLine: header or signature differ")
        body = base64.b64decode(wire["body"], validate=True)
        if item["erased"]:
            residue = residue_of(signed, header["visibility"])
            if residue != item["residue"] or canonical(residue).hex() != item["residueCanonicalHex"]:
                problems.append(f"residue: expected {canonical(residue).decode()}")
            problems += schema_problems(validators["redaction_residue"], item["residue"])
            problems += rule_problems("redaction_residue", item["residue"])
            if body != canonical(residue) or wire.get("redacted") != item["redacted"]:
                problems.append("wireLine: body is not the residue, or redacted differs")
            if hashlib.sha256(body).hexdigest() != item["residueHash"] or item["residueHash"] == header["bodyHash"]:
                problems.append("residueHash: not the hash of the residue, or equal to bodyHash")
            original = json.loads(item["originalWireLine"])
            if "redacted" in original or base64.b64decode(original["body"]) != signed_bytes:
                problems.append("originalWireLine is not the envelope as signed")
        elif body != signed_bytes or "redacted" in wire:
            problems.append("wireLine: body differs from the one signed")
        held[header["id"]] = (item, wire)
        tally.report(not problems, name, problems)

    # Each erased envelope is paired with a redaction of its origin, held, not erased, naming it.
    found = []
    for envelope_id, (item, wire) in held.items():
        if "redacted" not in wire:
            continue
        redaction = held.get(wire["redacted"])
        ok = redaction is not None and not redaction[0]["erased"] and redaction[0]["header"]["type"] == "redaction" and \
            redaction[0]["header"]["origin"]["structure"] == item["header"]["origin"]["structure"] and \
            envelope_id in redaction[0]["body"]["envelopes"]
        if ok:
            found.append({"at": redaction[0]["header"]["created"], "envelope": envelope_id,
                          "origin": item["header"]["origin"]["structure"], "reason": redaction[0]["body"]["reason"],
                          "redaction": wire["redacted"]})
    tally.report(found == vector["erasures"], f"{label} erasures paired with their redaction",
                 [] if found == vector["erasures"] else [f"found {found}"])

    rejected = vector["rejected"]
    wire = json.loads(rejected[0]["wireLine"])
    mismatch = hashlib.sha256(base64.b64decode(wire["body"])).hexdigest() != wire["header"]["bodyHash"]
    tally.report("redacted" not in wire and mismatch and rejected[0]["error"] == "bodyHashMismatch",
                 f"{label} rejected: {rejected[0]['name']}", [])
    problems = schema_problems(validators["envelope"], json.loads(rejected[1]["wireLine"]))
    tally.report(bool(problems), f"{label} rejected: {rejected[1]['name']} (must be rejected)",
                 [f"rejected: {p}" for p in problems] if problems else ["was accepted"])
    subset = [held[i] for i in rejected[2]["envelopes"]]
    orphans = [item["header"]["id"] for item, wire in subset
               if "redacted" in wire and not any(h[0]["header"]["id"] == wire["redacted"] for h in subset)]
    named = [f.split(" : ")[0] for f in rejected[2]["faults"]]
    tally.report(named == orphans, f"{label} rejected: {rejected[2]['name']}",
                 [] if named == orphans else [f"expected faults on {orphans}"])


# --- test vectors ------------------------------------------------------------

BODY_KEYS = ("body", "bodyJSON", "bodyJson", "json", "value")
BYTES_KEYS = ("canonical", "canonicalBody", "bodyCanonical", "bodyBytes", "bodyUTF8", "bodyText",
              "canonicalHex", "bodyHex", "canonicalBodyHex", "bodyBytesHex", "bodyCanonicalHex",
              "bodyBase64", "canonicalBase64")
REJECT_WORDS = ("reject", "invalid", "error", "fail")


def decode_body(value, key):
    """A body given as an object, JSON text, hex or Base64 of the canonical bytes."""
    if isinstance(value, dict):
        return value, None
    if not isinstance(value, str):
        return None, None
    candidates = []
    lowered = key.lower()
    if "hex" in lowered:
        candidates.append("hex")
    elif "base64" in lowered:
        candidates.append("base64")
    else:
        candidates += ["text", "hex", "base64"]
    for form in candidates:
        try:
            if form == "text":
                text = value
            elif form == "hex":
                text = bytes.fromhex(value).decode("utf-8")
            else:
                text = base64.b64decode(value, validate=True).decode("utf-8")
            parsed = json.loads(text)
        except (ValueError, binascii.Error, UnicodeDecodeError):
            continue
        if isinstance(parsed, dict):
            return parsed, text
    return None, None


def expects_rejection(item):
    for key in ("mustReject", "reject", "invalid"):
        if item.get(key) is True:
            return True
    for key in ("valid", "ok", "accept", "accepted"):
        if item.get(key) is False:
            return True
    for key in ("expect", "expected", "result", "outcome"):
        if isinstance(item.get(key), str) and any(w in item[key].lower() for w in REJECT_WORDS):
            return True
    return False


def record_type(item):
    for key in ("type", "recordType", "record_type", "kind"):
        if item.get(key) in BODY_TYPES:
            return item[key]
    header = item.get("header")
    if isinstance(header, dict) and header.get("type") in BODY_TYPES:
        return header["type"]
    return None


def find_bodies(node, path, found):
    """Collects (path, schema, value, text, must_reject) from any nesting of lists and objects:
    record bodies, and the headers and wire lines next to them."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            find_bodies(item, f"{path}[{i}]", found)
        return
    if not isinstance(node, dict):
        return
    kind = record_type(node)
    name = node.get("name") or node.get("id") or node.get("description")
    suffix = f" ({name})" if isinstance(name, str) else ""
    header = node.get("header")
    if kind is not None and isinstance(header, dict) and "v" in header:
        found.append((f"{path}.header{suffix}", "header", header, None, expects_rejection(node)))
    for key in ("wireLine", "wire", "line"):
        if kind is not None and isinstance(node.get(key), str):
            try:
                wire = json.loads(node[key])
            except ValueError:
                wire = None
            found.append((f"{path}.{key}{suffix}", "envelope", wire, node[key], expects_rejection(node)))
            break
    if kind is not None:
        for key in BODY_KEYS + BYTES_KEYS:
            if key in node:
                body, text = decode_body(node[key], key)
                if body is not None:
                    found.append((f"{path}.{key}{suffix}", kind, body, text, expects_rejection(node)))
                    return
    for key, value in node.items():
        find_bodies(value, f"{path}.{key}" if path else key, found)


def check_vectors(validators, tally):
    if not RECORD_VECTORS.exists():
        print(f"note: {RECORD_VECTORS.relative_to(HERE)} not found, no vectors checked")
        return
    label = str(RECORD_VECTORS.relative_to(HERE))
    try:
        data = json.loads(RECORD_VECTORS.read_text(encoding="utf-8"))
    except ValueError as error:
        tally.report(False, label, [f"not JSON: {error}"])
        return
    found = []
    find_bodies(data, "", found)
    if not any(kind in BODY_TYPES for _, kind, _, _, _ in found):
        print(f"note: {label}: no record bodies recognised (format unknown), skipped")
        return
    for where, kind, body, text, must_reject in found:
        problems = strict_problems(text) if text is not None else []
        problems += schema_problems(validators[kind], body) + rule_problems(kind, body)
        name = f"{label} {where} [{kind}]"
        if must_reject:
            tally.report(bool(problems), name + " (must be rejected)",
                         [f"rejected: {p}" for p in problems] if problems else ["was accepted"])
        else:
            tally.report(not problems, name, problems)


def main():
    tally = Tally()
    try:
        validators = load_validators()
    except Exception as error:  # a broken schema is a failure, reported like the others
        tally.report(False, "schemas", [f"{type(error).__name__}: {error}"])
        print(f"{tally.passed} passed, {tally.failed} failed")
        return 1
    missing = [t for t in BODY_TYPES + ("header", "envelope") + FEDERATION_SCHEMAS + WORKFLOW_SCHEMAS + NETWORK_RULE_SCHEMAS
               + REDACTION_SCHEMAS if t not in validators]
    tally.report(not missing, f"schemas ({len(validators)} loaded, valid draft 2020-12)",
                 [f"missing {m}.schema.json" for m in missing])
    if missing:
        for m in missing:
            validators.setdefault(m, Draft202012Validator({}))
    check_examples(validators, tally)
    check_vectors(validators, tally)
    check_credential_vector(validators, tally)
    check_redaction_vector(validators, tally)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
