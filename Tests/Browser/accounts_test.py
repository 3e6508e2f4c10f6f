#!/usr/bin/env python3
"""People's accounts in a real browser (headless Chromium from Debian, driven by Selenium).
It starts its own node with `vmvp serve` and a stand-in sendmail that keeps each message it is
given. The node's administrator (made with `vmvp user add`) invites a referent from "Comptes";
the referent opens the emailed link, is told why a first password is refused, chooses one, lands
on "Mon compte", signs out and back in; then forgets it, asks for a link from the login page, and
chooses a new one. The journal lists the acts. Screenshots go to artifacts/screenshots/acc-*.

Usage: python3 Tests/Browser/accounts_test.py [path/to/vmvp]
"""
import os
import re
import subprocess
import sys
import tempfile
import traceback

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import SHOTS, VMVP, Checks, audit, free_port, mailed, new_driver, run_vmvp as run, stand_in_sendmail, wait_for_port

ADMIN_PASSWORD = "un-mot-de-passe-d-administration"
CHOSEN = "le phare de Sète veille la nuit"
RESET = "une autre phrase pour ce compte"
REFERENT = "marc.aubert@college.example"


def main():
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vmvp-accounts-")
    data = os.path.join(work, "node")
    sendmail, outbox = stand_in_sendmail(work)
    run("init", "--data", data, "--name", "Collège Jean Moulin de Sète", "--sector", "educatif", "--commune", "Sète")
    run("user", "add", "--data", data, "--email", "admin@college.example", "--name", "Claire Admin",
        "--role", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([VMVP, "serve", "--data", data, "--site-port", str(port), "--site-url", base,
                               "--sendmail", f"{sendmail} -t -i", "--mail-from", "vmvp@college.example"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    checks = Checks()
    driver = None
    try:
        wait_for_port(port)
        driver = new_driver()

        def shot(name):
            driver.save_screenshot(os.path.join(SHOTS, f"acc-{name}.png"))
            audit(checks, driver, f"acc-{name}")

        def wait_for(condition):
            try:
                WebDriverWait(driver, 15).until(lambda d: condition(d))
                return True
            except Exception:
                return False

        def fill(fields):
            for name, value in fields.items():
                element = driver.find_element(By.ID, name)
                element.clear()
                element.send_keys(value)

        def submit(selector="form.narrow button[type=submit]"):
            driver.find_element(By.CSS_SELECTOR, selector).click()

        def login(email, password):
            driver.get(base + "/connexion")
            fill({"email": email, "password": password})
            submit()
            return wait_for(lambda d: not d.current_url.endswith("/connexion"))

        def logout():
            driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
            return wait_for(lambda d: d.current_url.endswith("/connexion"))

        # The administrator invites a referent.
        checks.expect(login("admin@college.example", ADMIN_PASSWORD), "the administrator made at the command line signs in")
        driver.find_element(By.LINK_TEXT, "Comptes").click()
        wait_for(lambda d: d.current_url.endswith("/comptes"))
        shot("01-comptes")
        fill({"email": REFERENT, "name": "Marc Aubert"})
        Select(driver.find_element(By.ID, "role")).select_by_value("referent")
        submit()
        checks.expect(wait_for(lambda d: "Invitation envoyée par courriel à Marc Aubert" in d.page_source),
                      "the invitation is sent by mail")
        checks.expect("/activation/" not in driver.page_source, "the link is not shown when it was mailed")
        shot("02-invitation-envoyee")
        mail = mailed(outbox, 1)
        checks.expect(len(mail) == 1 and f"To: {REFERENT}" in mail[0], "the stand-in sendmail got the invitation")
        link = re.search(re.escape(base) + r"/activation/[A-Za-z0-9_-]{43}", mail[0] if mail else "")
        checks.expect(link is not None, "the invitation carries an activation link to this site")
        logout()

        # The referent opens the link and chooses a password.
        driver.get(link.group(0))
        checks.expect("Activer votre compte" in driver.page_source, "the link opens the activation page")
        shot("03-activation")
        fill({"password": "azertyuiop123", "confirmation": "azertyuiop123"})
        submit()
        checks.expect(wait_for(lambda d: "fait partie des plus utilisés" in d.page_source), "a common password is refused, in French")
        checks.expect(driver.title.startswith("Erreur"), "the page title says the form has errors")
        shot("04-activation-erreur")
        fill({"password": CHOSEN, "confirmation": CHOSEN})
        submit()
        checks.expect(wait_for(lambda d: "Votre compte est activé" in d.page_source), "the account is active and signed in")
        shot("05-mon-compte")
        checks.expect(logout() and login(REFERENT, CHOSEN), "the referent signs in with the chosen password")
        driver.get(link.group(0))
        checks.expect("Lien déjà utilisé" in driver.page_source, "the link works once")
        driver.get(base + "/mon-compte")
        logout()

        # The referent forgets it and asks for a link from the login page.
        driver.find_element(By.LINK_TEXT, "Mot de passe oublié ?").click()
        wait_for(lambda d: d.current_url.endswith("/mot-de-passe-oublie"))
        shot("06-mot-de-passe-oublie")
        fill({"email": REFERENT})
        submit()
        checks.expect(wait_for(lambda d: "Si un compte actif correspond à cette adresse" in d.page_source),
                      "the answer does not say whether the address has an account")
        shot("07-lien-demande")
        mail = mailed(outbox, 2)
        reset = re.search(re.escape(base) + r"/reinitialisation/[A-Za-z0-9_-]{43}", mail[-1] if len(mail) == 2 else "")
        checks.expect(reset is not None, "the reset link is mailed")
        driver.get(reset.group(0))
        fill({"password": RESET, "confirmation": RESET})
        submit()
        checks.expect(wait_for(lambda d: "Votre nouveau mot de passe est enregistré" in d.page_source), "a new password is chosen")
        checks.expect(logout() and not login(REFERENT, CHOSEN), "the old password no longer opens the account")
        checks.expect(login(REFERENT, RESET), "the new one does")
        logout()

        # The journal keeps the acts.
        login("admin@college.example", ADMIN_PASSWORD)
        driver.get(base + "/journal")
        for label in ["Compte créé", "Personne invitée", "Compte activé", "Mot de passe réinitialisé"]:
            checks.expect(label in driver.page_source, f"the journal lists « {label} »")
        shot("08-journal")

        # The referent asks for their data to be erased; the administrator sees what will go, then confirms.
        driver.find_element(By.LINK_TEXT, "Conservation des données").click()
        wait_for(lambda d: d.current_url.endswith("/conservation"))
        checks.expect("Immersion signée (convention, évaluations, attestation), après son dernier jour" in driver.page_source,
                      "the retention periods are listed")
        shot("09-conservation")
        fill({"email": REFERENT})
        submit()
        checks.expect(wait_for(lambda d: "Effacer les données de" in d.page_source), "the erasure is previewed first")
        checks.expect(not driver.find_element(By.ID, "confirmation").is_selected(), "the confirmation is not pre-ticked")
        shot("10-effacement-apercu")
        submit()
        checks.expect(wait_for(lambda d: "Cochez la case pour confirmer" in d.page_source), "without the box ticked, nothing is erased")
        shot("11-effacement-erreur")
        driver.find_element(By.ID, "confirmation").click()
        submit()
        checks.expect(wait_for(lambda d: "Données effacées sur ce site" in d.page_source), "the erasure is done and said")
        driver.get(base + "/comptes")
        checks.expect(REFERENT not in driver.page_source, "the account is gone")
        logout()
        checks.expect(not login(REFERENT, RESET), "the erased person can no longer sign in")
        driver.get(base + "/donnees-personnelles")
        checks.expect("Ce qui est gardé, et pourquoi" in driver.page_source, "the personal-data page says what erasure keeps")
        shot("12-donnees-personnelles")
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
