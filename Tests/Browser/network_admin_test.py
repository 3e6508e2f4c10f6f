#!/usr/bin/env python3
"""The network run from the browser, end to end (headless Chromium from Debian, Selenium).

It starts a hub (`vmvp init --hub` + `vmvp serve`) and one member node, each with a stand-in
sendmail that keeps each message it is given, then:

1. the MDA's administrator invites a new structure from the hub's site ("Réseau → Inviter une
   structure"): the page shows the code once, the stand-in sendmail got it with the steps;
2. the code enrolls a new node (`vmvp init` + `vmvp enroll`, as its installer would), which
   then runs `vmvp serve`: it appears in "Réseau" and, after sync, in the other node's directory;
3. its administrator edits the structure's card ("Fiche de la structure"); the other node's
   directory shows the new card after sync;
4. the administrator invites a referent, who activates the account through the emailed link
   and signs in;
5. the MDA publishes a glossary entry from "Règles du réseau"; it reaches the new node;
6. the MDA revokes the new structure; the node's next push is refused, and says so.

Each site gets its own browser (cookies are not kept apart by port on 127.0.0.1).
Screenshots go to artifacts/screenshots/net-*.

Usage: python3 Tests/Browser/network_admin_test.py [path/to/vmvp]
"""
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import SHOTS, VMVP, Checks, audit, free_port, mailed, new_driver, run_vmvp, stand_in_sendmail, wait_for_port

PASSWORD = "une phrase de passe pour les tests"
NEW = "Collège Victor Hugo de Lunel"
OTHER = "CMP infanto-juvénile de Béziers"
REFERENT = "marc.aubert@college-lunel.example"
CHOSEN = "le phare de Sète veille la nuit"


class Site:
    """One node's web site in its own browser."""

    def __init__(self, checks, name, base):
        self.checks, self.name, self.base = checks, name, base
        self.driver = new_driver()

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOTS, f"net-{name}.png"))
        audit(self.checks, self.driver, f"net-{name}")

    def get(self, path):
        self.driver.get(self.base + path)
        return self.driver.page_source

    def wait(self, condition, timeout=20):
        try:
            WebDriverWait(self.driver, timeout).until(lambda d: condition(d))
            return True
        except Exception:
            return False

    def fill(self, fields):
        for name, value in fields.items():
            element = self.driver.find_element(By.ID, name)
            element.clear()
            element.send_keys(value)

    def click(self, selector):
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def login(self, email, password=PASSWORD):
        self.get("/connexion")
        self.fill({"email": email, "password": password})
        self.click("form.narrow button[type=submit]")
        return self.wait(lambda d: not d.current_url.endswith("/connexion"))

    def logout(self):
        self.click("form.logout button")
        return self.wait(lambda d: d.current_url.endswith("/connexion"))

    def eventually(self, path, text, timeout=30):
        """Reloads `path` until it shows `text` (what a sync brings takes a few seconds)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if text in self.get(path):
                return True
            time.sleep(0.5)
        return False

    def quit(self):
        self.driver.quit()


def serve(data, site_port, *extra):
    return subprocess.Popen([VMVP, "serve", "--data", data, "--site-port", str(site_port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def main():
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vmvp-network-")
    hub_data, other_data, new_data = (os.path.join(work, n) for n in ("hub", "other", "new"))
    hub_mail, hub_outbox = stand_in_sendmail(os.path.join(work, "hub-mail"))
    new_mail, new_outbox = stand_in_sendmail(os.path.join(work, "new-mail"))
    hub_port, hub_site, other_site, new_site = free_port(), free_port(), free_port(), free_port()
    hub_url = f"https://127.0.0.1:{hub_port}"

    run_vmvp("init", "--hub", "--data", hub_data, "--host", "127.0.0.1")
    run_vmvp("user", "add", "--data", hub_data, "--email", "admin@mda.example", "--name", "Coordination MDA",
             "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    # The other member joins the usual way, from the command line.
    code = re.search(r"vmvp1\.\S+", run_vmvp("hub", "invite", "--data", hub_data, "--structure", OTHER, "--sector", "sanitaire"))
    run_vmvp("init", "--data", other_data, "--name", OTHER, "--sector", "sanitaire", "--commune", "Béziers")
    run_vmvp("user", "add", "--data", other_data, "--email", "ref@cmp.example", "--name", "Claire Martin",
             "--role", "referent", "--password-stdin", stdin=PASSWORD + "\n")
    processes = [serve(hub_data, hub_site, "--port", str(hub_port), "--hub-url", hub_url,
                       "--sendmail", f"{hub_mail} -t -i", "--site-url", f"http://127.0.0.1:{hub_site}")]
    wait_for_port(hub_port)
    run_vmvp("enroll", "--data", other_data, "--hub", hub_url, "--code", code.group(0))
    processes.append(serve(other_data, other_site, "--sync-interval", "1"))

    checks = Checks()
    sites = []
    try:
        for port in (hub_site, other_site):
            wait_for_port(port)
        mda = Site(checks, "mda", f"http://127.0.0.1:{hub_site}")
        other = Site(checks, "other", f"http://127.0.0.1:{other_site}")
        sites += [mda, other]

        # 1. The MDA invites a structure.
        checks.expect(mda.login("admin@mda.example"), "the MDA's administrator signs in on the hub's site")
        mda.driver.find_element(By.LINK_TEXT, "Réseau").click()
        checks.expect(mda.wait(lambda d: OTHER in d.page_source), "Réseau lists the member")
        mda.shot("01-reseau")
        mda.driver.find_element(By.LINK_TEXT, "Inviter une structure").click()
        mda.wait(lambda d: d.current_url.endswith("/reseau/inviter"))
        mda.click("form.narrow button[type=submit]")
        checks.expect(mda.wait(lambda d: "Indiquez le nom de la structure." in d.page_source), "an empty form is refused in French")
        mda.shot("02-inviter-erreur")
        mda.fill({"structure": NEW, "email": "informatique@college-lunel.example"})
        Select(mda.driver.find_element(By.ID, "secteur")).select_by_value("educatif")
        mda.click("#envoyer")
        mda.click("form.narrow button[type=submit]")
        checks.expect(mda.wait(lambda d: "Code d'invitation pour" in d.page_source), "the code is shown")
        mda.shot("03-code")
        code = mda.driver.find_element(By.ID, "code").get_attribute("value")
        checks.expect(code.startswith("vmvp1."), "the page shows an invitation code")
        checks.expect(f"--hub {hub_url}" in mda.driver.page_source, "with the enroll command naming the hub")
        mail = mailed(hub_outbox, 1)
        checks.expect(len(mail) == 1 and code in mail[0] and "To: informatique@college-lunel.example" in mail[0],
                      "the installer got the code by mail")
        checks.expect(len(mail) == 1 and "vmvp enroll" in mail[0], "with the installation steps")

        # 2. The code enrolls the new node.
        run_vmvp("init", "--data", new_data, "--name", NEW, "--sector", "educatif", "--commune", "Lunel")
        out = run_vmvp("enroll", "--data", new_data, "--hub", hub_url, "--code", code)
        checks.expect("Nœud inscrit" in out, "vmvp enroll accepts the code from the page")
        run_vmvp("user", "add", "--data", new_data, "--email", "admin@college-lunel.example", "--name", "Sophie Admin",
                 "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
        new_base = f"http://127.0.0.1:{new_site}"
        processes.append(serve(new_data, new_site, "--sync-interval", "1", "--sendmail", f"{new_mail} -t -i",
                               "--site-url", new_base))
        wait_for_port(new_site)
        checks.expect(mda.eventually("/reseau", NEW), "the new structure appears in Réseau")
        checks.expect("Aucune invitation en attente." in mda.driver.page_source, "its invitation is no longer pending")
        mda.shot("04-reseau-nouvelle")
        checks.expect(other.login("ref@cmp.example"), "the other member's referent signs in")
        checks.expect(other.eventually("/annuaire", NEW), "the new structure reaches the other node's directory")

        # 3. Its administrator edits the card.
        new = Site(checks, "new", new_base)
        sites.append(new)
        checks.expect(new.login("admin@college-lunel.example"), "the new node's administrator signs in")
        new.driver.find_element(By.LINK_TEXT, "Fiche de la structure").click()
        new.wait(lambda d: d.current_url.endswith("/structure"))
        new.shot("05-fiche")
        new.fill({"sous_type": "Collège public", "description": "Collège de 800 élèves, avec une ULIS.",
                  "etablissement-1": "Annexe du collège", "commune-1": "Marsillargues",
                  "personne_nom": "Sophie Admin", "personne_fonction": "Principale adjointe",
                  "personne_email": "sophie@college-lunel.example"})
        new.click("form.form button.primary")
        checks.expect(new.wait(lambda d: "Fiche enregistrée et signée" in d.page_source), "the card is saved and signed")
        structure = re.search(r"/annuaire/([0-9a-f-]{36})", new.driver.page_source).group(1)
        checks.expect(other.eventually(f"/annuaire/{structure}", "Collège de 800 élèves"), "the other node shows the new card")
        checks.expect("Annexe du collège, Marsillargues" in other.driver.page_source, "with the new establishment")

        # 4. The administrator invites a referent, who activates the account.
        new.driver.find_element(By.LINK_TEXT, "Comptes").click()
        new.wait(lambda d: d.current_url.endswith("/comptes"))
        new.fill({"email": REFERENT, "name": "Marc Aubert"})
        Select(new.driver.find_element(By.ID, "role")).select_by_value("referent")
        new.click("form.narrow button[type=submit]")
        checks.expect(new.wait(lambda d: "Invitation envoyée par courriel" in d.page_source), "the referent is invited by mail")
        mail = mailed(new_outbox, 1)
        link = re.search(re.escape(new_base) + r"/activation/[A-Za-z0-9_-]{43}", mail[0] if mail else "")
        checks.expect(link is not None, "the stand-in sendmail got the activation link")
        new.logout()
        new.driver.get(link.group(0))
        new.fill({"password": CHOSEN, "confirmation": CHOSEN})
        new.click("form.narrow button[type=submit]")
        checks.expect(new.wait(lambda d: "Votre compte est activé" in d.page_source), "the referent chooses a password")
        checks.expect(new.logout() and new.login(REFERENT, CHOSEN), "and signs in with it")
        new.logout()

        # 5. The MDA publishes a glossary entry.
        mda.get("/regles")
        mda.shot("06-regles")
        mda.driver.find_element(By.LINK_TEXT, "Ajouter un sigle").click()
        mda.wait(lambda d: d.current_url.endswith("/regles/lexique/nouveau"))
        mda.fill({"term": "PMI", "expansion": "Protection maternelle et infantile",
                  "definition": "Service du Conseil départemental pour les futurs parents et les enfants de moins de 6 ans."})
        mda.click("form.narrow button[type=submit]")
        checks.expect(mda.wait(lambda d: "Le lexique est publié" in d.page_source), "the glossary entry is published")
        new.login("admin@college-lunel.example")
        checks.expect(new.eventually("/lexique", "Protection maternelle et infantile"), "it reaches the new node")
        mda.get("/regles/convention")
        mda.shot("07-modele")
        mda.click("form.form button.primary")
        checks.expect(mda.wait(lambda d: "Aperçu du modèle de convention" in d.page_source), "the template is previewed")
        mda.shot("08-apercu")
        checks.expect("Camille Exemple" in mda.driver.page_source, "filled with example parties")

        # 6. The MDA revokes the new structure; its next push is refused.
        mda.get(f"/reseau/structures/{structure}/revoquer")
        mda.shot("09-revoquer")
        mda.fill({"raison": "Essai terminé"})
        mda.click("#confirmation")
        mda.click("form.narrow button.danger")
        checks.expect(mda.wait(lambda d: "Structure révoquée" in d.page_source), "the structure is revoked")
        new.get("/structure")
        new.fill({"description": "Un changement après la révocation."})
        new.click("form.form button.primary")
        new.wait(lambda d: "Fiche enregistrée" in d.page_source)
        deadline, status = time.time() + 30, ""
        while time.time() < deadline and "révoqu" not in status:
            status = run_vmvp("status", "--data", new_data)
            time.sleep(0.5)
        checks.expect("révoqu" in status, "the revoked node's next push is refused, and its status says why")
        checks.expect(not other.eventually(f"/annuaire/{structure}", "Un changement après la révocation", timeout=3),
                      "nothing it signed after the revocation reaches the network")
    except Exception:
        traceback.print_exc()
        checks.failed += 1
    finally:
        for site in sites:
            site.quit()
        for process in processes:
            process.terminate()
            process.wait(timeout=15)
    print(f"screenshots: {SHOTS}")
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
