"""What the browser tests share: the vmvp binary and paths, a checks counter, a headless
Chromium (Debian's chromium + chromium-driver, installed by scripts/test.sh), free ports, the
vmvp command line and a stand-in sendmail."""
import glob
import os
import socket
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VMVP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "vmvp")
SHOTS = os.path.join(ROOT, "artifacts", "screenshots")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, what):
        if condition:
            self.passed += 1
            print(f"ok - {what}")
        else:
            self.failed += 1
            print(f"FAILED - {what}")
        return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=30):
    """Waits until something listens on 127.0.0.1:port."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def run_vmvp(*args, stdin=None):
    """Runs `vmvp ARGS…`; its standard output, or an error naming the command."""
    result = subprocess.run([VMVP, *args], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"vmvp {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def stand_in_sendmail(directory):
    """A sendmail that writes each message to DIRECTORY/outbox/ (what it was given; nothing is sent)."""
    outbox = os.path.join(directory, "outbox")
    os.makedirs(outbox)
    script = os.path.join(directory, "sendmail.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write(f"#!/bin/sh\ncat > \"{outbox}/$(date +%s%N).eml\"\n")
    os.chmod(script, 0o755)
    return script, outbox


def mailed(outbox, count, timeout=10):
    """The messages once `count` are there (some mail leaves apart from the page's answer)."""
    deadline = time.time() + timeout
    while True:
        files = sorted(glob.glob(os.path.join(outbox, "*.eml")))
        if len(files) >= count or time.time() > deadline:
            return [open(f, encoding="utf-8").read() for f in files]
        time.sleep(0.1)


def new_driver():
    """A French-speaking headless Chromium with a desktop-sized window."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100", "--lang=fr-FR"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    return driver


def axe_source():
    """axe-core, as shipped inside the PyPI package axe-playwright-python (installed without its
    dependencies by scripts/test.sh): the package is not imported, only its copy of axe.min.js read."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is not installed (scripts/test.sh installs it)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


_AXE = None


def axe_violations(driver):
    """Runs every axe-core rule on the page shown; returns its violations as short strings."""
    global _AXE
    if _AXE is None:
        _AXE = axe_source()
    driver.execute_script(_AXE)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '"
        " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))).catch(e => done(['axe failed: ' + e]));")
    return result


def axe_version():
    global _AXE
    if _AXE is None:
        _AXE = axe_source()
    first = _AXE[:60]
    return first.split("axe v", 1)[1].split()[0] if "axe v" in first else "?"


def narrow_overflow(driver, shot_path=None, width=390):
    """Shows the page 390 px wide (a phone), optionally saves a screenshot, and returns by how
    many pixels it scrolls sideways (0 when it does not); the window is put back afterwards."""
    size = driver.get_window_size()
    driver.set_window_size(width, size["height"])
    try:
        overflow = driver.execute_script(
            "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth;")
        if shot_path:
            driver.save_screenshot(shot_path)
        return overflow
    finally:
        driver.set_window_size(size["width"], size["height"])


def audit(checks, driver, name):
    """The accessibility and small-screen checks every screenshotted page goes through."""
    violations = axe_violations(driver)
    checks.expect(not violations, f"axe {axe_version()}: no violation on {name}"
                  + ("" if not violations else " — " + " ; ".join(violations)))
    overflow = narrow_overflow(driver, os.path.join(SHOTS, f"{name}-390px.png"))
    checks.expect(overflow <= 0, f"{name} does not scroll sideways at 390 px" + ("" if overflow <= 0 else f" ({overflow} px too wide)"))
