"""Printed documents and credentials, for the immersion flow test: print a page to PDF the way
a person does (Chromium's print, A4), read its pages' text with pypdf, and verify an attestation
credential with PyJWT given only the member directory's key set (protocol/credential.md)."""
import base64
import io
import json
import os
import re
import unicodedata

import jwt
from pypdf import PdfReader
from selenium.webdriver.common.print_page_options import PrintOptions

from browser_support import SHOTS


def print_pages(driver, name):
    """Prints the current page on A4 (the page's own CSS margins) and returns each page's text;
    the PDF is kept in artifacts/screenshots/<name>.pdf."""
    options = PrintOptions()
    options.page_width = 21.0
    options.page_height = 29.7
    options.background = True
    options.shrink_to_fit = False
    for side in ("top", "bottom", "left", "right"):
        setattr(options, f"margin_{side}", 0)
    pdf = base64.b64decode(driver.print_page(options))
    with open(os.path.join(SHOTS, f"{name}.pdf"), "wb") as file:
        file.write(pdf)
    # NFKC undoes the typographic ligatures of the PDF's text ("ﬁ" → "fi").
    return [unicodedata.normalize("NFKC", " ".join((page.extract_text() or "").split())) for page in PdfReader(io.BytesIO(pdf)).pages]


FOOTER = re.compile(r"page (\d+) / (\d+)")


def footer_problems(pages, version_words):
    """What is wrong with the footers: each page must carry `version_words` and "page i / n",
    and hold more than its footer."""
    problems = []
    for number, text in enumerate(pages, start=1):
        found = FOOTER.search(text)
        if version_words not in text:
            problems.append(f"page {number}: no \"{version_words}\"")
        if not found or (int(found.group(1)), int(found.group(2))) != (number, len(pages)):
            problems.append(f"page {number}: no \"page {number} / {len(pages)}\"")
        body = FOOTER.sub("", text.replace(version_words, "")).strip()
        if len(body) < 200:
            problems.append(f"page {number}: holds little but its footer ({body[:80]!r})")
    return problems


def verify_with_pyjwt(token, key_set, leeway_seconds):
    """Verifies the credential as an outsider would with a standard JOSE library: the key named
    by `kid` in the directory's key set, which must belong to the issuer the credential names,
    not revoked before it was issued. Returns the payload; raises on any failure."""
    header = jwt.get_unverified_header(token)
    unverified = jwt.decode(token, options={"verify_signature": False})
    entry = next(k for k in key_set["keys"] if k["kid"] == header["kid"])
    if entry["structure"] != unverified["iss"]:
        raise ValueError("the key belongs to another structure than the issuer")
    if entry.get("revokedAt") and entry["revokedAt"] <= unverified["validFrom"]:
        raise ValueError("the key was revoked before the credential was issued")
    key = jwt.PyJWK.from_dict({k: entry[k] for k in ("kty", "crv", "x", "kid", "use", "alg")})
    return jwt.decode(token, key.key, algorithms=["EdDSA"], leeway=leeway_seconds)


def fetch_json(url):
    import urllib.request
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))
