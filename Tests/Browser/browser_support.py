"""What the browser tests share: the vmvp binary and paths, a checks counter, and a headless
Chromium (Debian's chromium + chromium-driver, installed by scripts/test.sh)."""
import os
import sys

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


def new_driver():
    """A French-speaking headless Chromium with a desktop-sized window."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100", "--lang=fr-FR"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    return driver
