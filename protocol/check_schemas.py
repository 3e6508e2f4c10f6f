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

Besides the schema, each document is read the way the protocol reads JSON
(no fraction or exponent, integers within ±(2^53-1), no duplicate key, strings
in NFC) and the rules a schema cannot express are checked for record bodies
(calendar dates, from <= to, periods of at most 366 days, offer periods long
enough for the stay, sorted recipients), also for the clear bodies of the
immersion workflow records and for the period a sealed body discloses. See
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
BODY_TYPES = ("structure_profile", "offer", "demand", "tombstone")
FEDERATION_SCHEMAS = ("member", "revocation", "message", "sealed_body", "enroll-request", "enroll-response",
                      "head-response", "push-request", "push-response", "changes-response", "own-response", "error")
# Clear bodies (inside the seal) of the immersion workflow's `parties` records, and the network
# rules only the hub publishes (README, "Immersion workflow records").
WORKFLOW_SCHEMAS = ("immersion_request", "immersion_answer", "immersion_convention", "convention_signature",
                    "immersion_cancellation", "immersion_evaluation")
NETWORK_RULE_SCHEMAS = ("glossary_entry", "convention_template", "reciprocity_policy")
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
               if t not in validators]
    tally.report(not missing, f"schemas ({len(validators)} loaded, valid draft 2020-12)",
                 [f"missing {m}.schema.json" for m in missing])
    if missing:
        for m in missing:
            validators.setdefault(m, Draft202012Validator({}))
    check_examples(validators, tally)
    check_vectors(validators, tally)
    check_credential_vector(validators, tally)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
