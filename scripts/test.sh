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

# Every suite runs, even after a failure, so one report does not hide another; the names of the
# suites that failed are printed last, where a truncated log still shows them.
failures=()
suite() {
    local name=$1
    shift
    echo "=== suite: $name"
    if ! "$@"; then
        failures+=("$name")
        echo "=== suite FAILED: $name"
    fi
}
# Formatting (.swift-format) and the 400-line limit per source file.
suite lint bash scripts/lint.sh
suite schemas python3 protocol/check_schemas.py
# Screenshots of the main pages are kept in artifacts/screenshots/.
suite browser python3 Tests/Browser/browser_test.py .build/debug/vmvp
# People's accounts: an emailed invitation (stand-in sendmail), a forgotten password (screenshots acc-…).
suite accounts python3 Tests/Browser/accounts_test.py .build/debug/vmvp
# The MDA runs the network from the hub's site: invitation, enrollment, card, people, rules, revocation.
suite network-admin python3 Tests/Browser/network_admin_test.py .build/debug/vmvp
# The immersion workflow across two nodes of `vmvp demo` (screenshots 2x-…).
suite immersion-flow python3 Tests/Browser/immersion_flow_test.py .build/debug/vmvp
swift_tests() { swift test --skip-build 2>&1 | tee .build/swift-test.log; }
suite swift-test swift_tests
# The Debian package: built from a static release build, checked by lintian, installed with apt
# in a minimal Debian 12, initialised as the vmvp user, upgraded, removed and purged.
suite package bash scripts/package-test.sh
# libFuzzer on every reader of outside bytes for a minute (a release build of its own).
suite fuzz bash scripts/fuzz.sh 60

if [ ${#failures[@]} -gt 0 ]; then
    echo "=== FAILED suites: ${failures[*]}"
    # The Swift tests' failures again, so they are in the log's tail too.
    grep -E "✘|error:" .build/swift-test.log 2>/dev/null | tail -40 || true
    exit 1
fi
echo "=== every suite passed"
