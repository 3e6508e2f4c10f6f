#!/usr/bin/env bash
# The project's test command (README: "Run the tests"). Installs what the tests
# need when it is missing, builds, then runs every suite: the Swift tests, the
# protocol schema checks, and the site in a real browser (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need_apt+=(libsqlite3-dev)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import jsonschema, cryptography, selenium" 2>/dev/null || python3 -m pip install -q jsonschema cryptography selenium
# The browser flow test reads the printed PDFs (pypdf) and verifies the attestation credential
# with a standard JOSE library (PyJWT, whose EdDSA support uses cryptography).
python3 -c "import pypdf, jwt" 2>/dev/null || python3 -m pip install -q pypdf PyJWT
# axe-core for the browser tests' accessibility checks, from the copy this PyPI package ships
# (its own dependencies, Playwright among them, are not needed: only axe.min.js is read).
python3 -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('axe_playwright_python') else 1)" \
    || python3 -m pip install -q --no-deps axe-playwright-python==0.1.8

swift build --build-tests

# Every suite runs, even after a failure, so one report does not hide another.
failed=0
# Formatting (.swift-format) and the 400-line limit per source file.
bash scripts/lint.sh || failed=1
python3 protocol/check_schemas.py || failed=1
# Screenshots of the main pages are kept in artifacts/screenshots/.
python3 Tests/Browser/browser_test.py .build/debug/vmvp || failed=1
# People's accounts: an emailed invitation (stand-in sendmail), a forgotten password (screenshots acc-…).
python3 Tests/Browser/accounts_test.py .build/debug/vmvp || failed=1
# The MDA runs the network from the hub's site: invitation, enrollment, card, people, rules, revocation.
python3 Tests/Browser/network_admin_test.py .build/debug/vmvp || failed=1
# The immersion workflow across two nodes of `vmvp demo` (screenshots 2x-…).
python3 Tests/Browser/immersion_flow_test.py .build/debug/vmvp || failed=1
swift test --skip-build 2>&1 | tee .build/swift-test.log || failed=1
# The Debian package: built from a static release build, checked by lintian, installed with apt
# in a minimal Debian 12, initialised as the vmvp user, upgraded, removed and purged.
bash scripts/package-test.sh || failed=1
# libFuzzer on every reader of outside bytes for a minute (a release build of its own).
bash scripts/fuzz.sh 60 || failed=1
exit $failed
