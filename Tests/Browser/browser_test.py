#!/usr/bin/env python3
"""End-to-end test of a node's web site in a real browser (headless Chromium from
Debian, driven by Selenium). It starts its own node with `vmvp serve`, then: logs in,
publishes a complete host offer, finds it with an accent-free search, opens it, and
logs out. Screenshots of the main pages go to artifacts/screenshots/.

Usage: python3 Tests/Browser/browser_test.py [path/to/vmvp]
"""
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import SHOTS, VMVP, Checks, audit, new_driver
PASSWORD = "un-mot-de-passe-de-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, stdin=None):
    result = subprocess.run([VMVP, *args], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"vmvp {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def main():
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vmvp-browser-")
    data = os.path.join(work, "node")
    run("init", "--data", data, "--name", "Collège Jean Moulin de Sète", "--sector", "educatif", "--commune", "Sète")
    run("user", "add", "--data", data, "--email", "referent@college.example", "--name", "Marc Aubert",
        "--role", "referent", "--password-stdin", stdin=PASSWORD + "\n")
    port = free_port()
    server = subprocess.Popen([VMVP, "serve", "--data", data, "--site-port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    checks = Checks()
    driver = None
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        driver = new_driver()

        def shot(name):
            driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))
            audit(checks, driver, name)

        def wait_for(condition):
            """A click starts a navigation; checks must look at the page it leads to."""
            try:
                WebDriverWait(driver, 15).until(lambda d: condition(d))
                return True
            except Exception:
                return False

        # Log in.
        driver.get(base + "/")
        checks.expect(driver.current_url.endswith("/connexion"), "an anonymous visitor is sent to the login page")
        shot("01-connexion")
        driver.find_element(By.ID, "email").send_keys("referent@college.example")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        checks.expect(wait_for(lambda d: "Offres d'accueil du réseau" in d.page_source), "login leads to the catalogue")
        shot("02-catalogue-vide")

        # Publish a complete host offer ("Fiche offre accueil").
        driver.find_element(By.LINK_TEXT, "Proposer un accueil").click()
        wait_for(lambda d: d.current_url.endswith("/offres/nouvelle"))
        fields = {
            "establishment": "Éducation prioritaire — vie scolaire",
            "observableMissions": "Suivi de l'assiduité, prévention du décrochage, lien avec l'ASE et la PJJ.",
            "observableJobProfiles": "Conseiller principal d'éducation, assistants d'éducation, infirmière scolaire.",
            "observerProfile": "Éducateur, soignant ou conseiller en insertion en exercice.",
            "durationHalfDays": "4",
            "capacity": "2",
            "proposedContents": "Commission éducative, groupe de prévention du décrochage scolaire.",
            "contact_role": "Conseiller principal d'éducation",
            "contact_phone": "04 67 53 00 00",
            "supportingDocuments": "Règlement intérieur\nProtocole de lutte contre le harcèlement",
            "specialConditions": "Engagement de confidentialité et de discrétion.",
            "expectedEffectsHost": "Mieux connaître les relais extérieurs.",
            "expectedEffectsVisitor": "Comprendre l'organisation d'un collège.",
        }
        for name, value in fields.items():
            element = driver.find_element(By.ID, name)
            element.clear()
            element.send_keys(value)
        email = driver.find_element(By.ID, "contact_email")
        email.clear()
        email.send_keys("cpe@college.example")
        # Date inputs take the date in the browser's locale order; set them directly.
        driver.execute_script("document.getElementById('period_from_1').value = '2027-01-11';"
                              "document.getElementById('period_to_1').value = '2027-02-05';")
        shot("03-formulaire-offre")
        driver.find_element(By.CSS_SELECTOR, "button[value=published]").click()
        checks.expect(wait_for(lambda d: "/offres/" in d.current_url and "nouvelle" not in d.current_url
                               and "Fiche offre d'accueil" in d.page_source), "publishing leads to the offer page")
        checks.expect("Éducation prioritaire — vie scolaire" in driver.page_source, "the offer page shows the offer")
        offer_url = driver.current_url
        shot("04-offre")

        # Find it with an accent-free search, and open it.
        driver.get(base + "/")
        search = driver.find_element(By.ID, "q")
        search.send_keys("education prioritaire")
        driver.find_element(By.CSS_SELECTOR, "form.search button").click()
        checks.expect(wait_for(lambda d: "q=education" in d.current_url and "1 offre trouvée" in d.page_source),
                      "an accent-free search finds the offer")
        shot("05-recherche")
        driver.find_element(By.LINK_TEXT, "Éducation prioritaire — vie scolaire").click()
        checks.expect(wait_for(lambda d: d.current_url == offer_url), "the result opens the offer")

        driver.get(base + "/annuaire")
        checks.expect("Collège Jean Moulin de Sète" in driver.page_source, "the directory lists the structure")
        shot("06-annuaire")
        driver.get(base + "/demandes/nouvelle")
        shot("07-demande")

        # Log out.
        driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
        checks.expect(wait_for(lambda d: d.current_url.endswith("/connexion")), "logout returns to the login page")
        driver.get(base + "/")
        checks.expect(driver.current_url.endswith("/connexion"), "after logout the catalogue needs a new login")
    except Exception:
        traceback.print_exc()
        checks.failed += 1
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
    print(f"screenshots: {SHOTS}")
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
