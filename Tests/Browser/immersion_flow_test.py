#!/usr/bin/env python3
"""End-to-end test of the immersion workflow across two nodes' web sites, in real browsers
(headless Chromium from Debian, driven by Selenium). It starts its own `vmvp demo` (a hub and
twelve partner nodes syncing over mutual TLS, with a seeded year of history) with a simulated
date, then:

1. a professional of the Mission locale asks the CMP of Béziers for an immersion (an empty
   form first: French error summary, nothing created);
2. the CMP's referent finds it in "À traiter", accepts it (convention version 1) and signs for
   the host;
3. the visitor and the Mission locale's referent sign; both sites show "Confirmée"; the printable
   convention and the calendar file (.ics) are checked;
4. the MDA's hub cannot read the immersion;
5. after a restart some days after the immersion, both evaluate it and both sites offer the
   attestation of participation;
6. the visitor prints a one-page attestation and downloads its credential (.jwt), which
   `vmvp credential verify`, the hub's public /verifier page and PyJWT (given only the member
   directory's key set) accept, and which refuse once altered. The convention and the
   attestation are printed to PDF by Chromium and read with pypdf;
7. every page, as each kind of person sees it, goes through axe and a 390 px check, and the MDA
   writes its remarks on the annual report and prints it on A4.

Each site gets its own browser: the demo sites all live on 127.0.0.1 and cookies are not kept
apart by port, so one browser would share one session cookie between the sites.
Screenshots go to artifacts/screenshots/ (prefix "2x-").

Usage: python3 Tests/Browser/immersion_flow_test.py [path/to/vmvp]
"""
import base64
import datetime
import hashlib
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import SHOTS, VMVP, Checks, audit, new_driver
from documents import fetch_json, footer_problems, print_pages, verify_with_pyjwt
PASSWORD = "vismavie-demo"
READY = "Démonstration Vis ma vie pro prête"
SYNC_TIMEOUT = 30

# The demo's data (Sources/vmvp/Demo/DemoData.swift).
CMP = "CMP infanto-juvénile de Béziers"
MISSION_LOCALE = "Mission locale Centre Hérault"
CMP_OFFER = "CMP infanto-juvénile, avenue Foch"  # periods 2027-01-11 → 2027-02-26 and 2027-03-15 → 2027-04-30
VISITOR = "Inès Garcia"  # name of pro@mission-locale-lodeve.example (the first of its people)
CMP_REFERENT = "Claire Martin"
ML_REFERENT = "Nadia Kessler"
TODAY = "2027-01-04"
FROM, TO = "2027-01-19", "2027-01-20"
FROM_FR, TO_FR = "19 janvier 2027", "20 janvier 2027"
AFTER = "2027-01-25"  # a few days after the last day
LATER = "2027-04-26"  # past the follow-up three months after the last day
PORTS = 14  # the hub, its site and the twelve nodes' sites
BILAN = "/pilotage/bilan?periode=annee&annee=2026"  # the seeded history's calendar year
BILAN_PAGES = 5
CARNET_PAGES = 3


def free_base_port():
    """A base port P such that P..P+PORTS-1 are free (the demo's consecutive ports)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + PORTS > 65000:
            continue
        try:
            for port in range(base, base + PORTS):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
    raise RuntimeError(f"no {PORTS} consecutive free ports")


class Demo:
    """`vmvp demo` in the background; its output is read by a thread so it never blocks."""

    def __init__(self, directory, base_port, today):
        self.lines = queue.Queue()
        self.output = []
        self.process = subprocess.Popen(
            [VMVP, "demo", "--dir", directory, "--base-port", str(base_port), "--sync-interval", "1", "--today", today],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                break
            if line is None:
                break
            if READY in line:
                return True
        return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class Browser:
    """One browser on one node's site."""

    def __init__(self, base):
        self.base = base
        self.driver = new_driver()

    @property
    def source(self):
        return self.driver.page_source

    @property
    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    @property
    def main(self):
        """The page's content, without the header (which names the signed-in person)."""
        return self.driver.find_element(By.ID, "contenu").text

    def get(self, path):
        self.driver.get(self.base + path)

    # Set by main: every screenshotted page is also checked with axe and at 390 px.
    checks = None

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))
        if Browser.checks is not None:
            audit(Browser.checks, self.driver, name)

    def wait_for(self, condition, timeout=15):
        """A click starts a navigation; checks must look at the page it leads to."""
        try:
            WebDriverWait(self.driver, timeout).until(lambda d: condition(d))
            return True
        except Exception:
            return False

    def poll(self, path, condition, timeout=SYNC_TIMEOUT):
        """Reloads `path` until `condition` holds: what another node wrote arrives by sync."""
        deadline = time.time() + timeout
        while True:
            self.get(path)
            try:
                if condition(self.driver):
                    return True
            except Exception:
                pass
            if time.time() > deadline:
                return False
            time.sleep(1)

    def click(self, by, value):
        self.driver.find_element(by, value).click()

    def login(self, email):
        self.get("/connexion")
        self.driver.find_element(By.ID, "email").send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        self.click(By.CSS_SELECTOR, "form button[type=submit]")
        return self.wait_for(lambda d: "/connexion" not in d.current_url and "Se déconnecter" in d.page_source)

    def logout(self):
        self.click(By.CSS_SELECTOR, "form.logout button")
        return self.wait_for(lambda d: d.current_url.endswith("/connexion"))

    def ensure_logged_out(self):
        """After a restart the session may or may not have survived: start from the login page."""
        self.get("/")
        if "/connexion" not in self.driver.current_url:
            self.logout()

    def has_link(self, label):
        return any(a.text.strip() == label for a in self.driver.find_elements(By.TAG_NAME, "a"))

    def sign(self, link_label):
        """Opens the signing page, ticks the confirmation and signs."""
        self.click(By.LINK_TEXT, link_label)
        self.wait_for(lambda d: "/signer?partie=" in d.current_url)
        self.driver.find_element(By.ID, "confirm").click()
        self.click_button("Signer")

    def answer_evaluation(self, satisfaction, recommend):
        """Answers the evaluation's choice questions explicitly: came, a rating, a recommendation."""
        self.driver.execute_script("document.getElementById('attended-yes').scrollIntoView({block: 'center'});")
        self.driver.find_element(By.ID, "attended-yes").click()
        self.driver.find_element(By.CSS_SELECTOR, f"#satisfaction option[value='{satisfaction}']").click()
        self.driver.find_element(By.ID, f"recommend-{recommend}").click()

    def has_button(self, label):
        return any(b.text.strip() == label for b in self.driver.find_elements(By.TAG_NAME, "button"))

    def click_button(self, label):
        for button in self.driver.find_elements(By.TAG_NAME, "button"):
            if button.text.strip() == label:
                button.click()
                return True
        return False

    def fetch(self, path):
        """The page as the signed-in person would download it (status, content type, text)."""
        cookie = self.driver.get_cookie("vmvp_session")
        request = urllib.request.Request(self.base + path, headers={"Cookie": f"vmvp_session={cookie['value'] if cookie else ''}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass


def main():
    started = time.time()
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vmvp-immersion-")
    directory = os.path.join(work, "demo")
    checks = Checks()
    Browser.checks = checks
    demo = None
    browsers = []

    def open_browser(base):
        browser = Browser(base)
        browsers.append(browser)
        return browser

    try:
        base_port = free_base_port()
        hub_site = f"http://127.0.0.1:{base_port + 1}"
        cmp_site = f"http://127.0.0.1:{base_port + 2}"
        ml_site = f"http://127.0.0.1:{base_port + 5}"

        demo = Demo(directory, base_port, TODAY)
        if not checks.expect(demo.wait_ready(), f"the demo starts (--today {TODAY})"):
            print("".join(demo.output[-30:]))
            raise RuntimeError("demo not ready")

        ml = open_browser(ml_site)    # Mission locale Centre Hérault: the visitor's structure
        cmp = open_browser(cmp_site)  # CMP infanto-juvénile de Béziers: the host

        # 1. The Mission locale's professional asks the CMP for an immersion.
        checks.expect(ml.login("pro@mission-locale-lodeve.example"), "the Mission locale's professional logs in")
        ml.get("/annuaire")
        ml.click(By.LINK_TEXT, CMP)
        checks.expect(ml.wait_for(lambda d: "/annuaire/" in d.current_url and "Offres d'accueil publiées" in d.page_source),
                      "the directory opens the CMP's page")
        ml.click(By.LINK_TEXT, CMP_OFFER)
        checks.expect(ml.wait_for(lambda d: "/offres/" in d.current_url and "Fiche offre d'accueil" in d.page_source),
                      "the CMP's page opens its offer")
        offer_url = ml.driver.current_url
        ml.shot("20-offre-cmp")
        ml.click(By.LINK_TEXT, "Demander une immersion")
        checks.expect(ml.wait_for(lambda d: d.current_url.endswith("/demander") and "Envoyer la demande" in d.page_source),
                      "\"Demander une immersion\" opens the request form")
        form_url = ml.driver.current_url
        checks.expect(CMP in ml.source and CMP_OFFER in ml.source, "the request form names the CMP and its offer")
        checks.expect("11 janvier 2027" in ml.source, "the request form shows the offer's periods")

        # An empty form: a French error summary, and nothing created.
        ml.click_button("Envoyer la demande")
        checks.expect(ml.wait_for(lambda d: "Le formulaire contient" in d.page_source),
                      "an empty request shows the error summary (\"Le formulaire contient … erreurs\")")
        ml.shot("21-demande-vide")
        summary = " ".join(e.text for e in ml.driver.find_elements(By.CSS_SELECTOR, ".error-summary"))
        checks.expect("Premier jour souhaité" in summary and "Dernier jour souhaité" in summary,
                      "the error summary names the missing dates")
        missing = [label for label in ["Votre métier", "Votre expérience", "Ce que vous voulez découvrir", "Attestation"]
                   if label not in summary]
        checks.expect(not missing, "the error summary names every missing required field at once"
                      + (f" (missing from the summary: {', '.join(missing)}; summary: {summary!r})" if missing else ""))
        checks.expect(ml.driver.current_url.endswith("/demander"), "after the empty request the form stays on screen")

        # Only the dates: the other missing fields must be named now.
        ml.driver.get(form_url)
        ml.driver.execute_script(f"document.getElementById('from').value = '{FROM}';"
                                 f"document.getElementById('to').value = '{TO}';")
        ml.click_button("Envoyer la demande")
        checks.expect(ml.wait_for(lambda d: "Le formulaire contient" in d.page_source),
                      "a request with only the dates shows the error summary")
        summary = " ".join(e.text for e in ml.driver.find_elements(By.CSS_SELECTOR, ".error-summary"))
        checks.expect(all(label in summary for label in ["Votre métier", "Votre expérience", "Ce que vous voulez découvrir", "Attestation"])
                      and "Le formulaire contient 4 erreurs" in summary,
                      f"with the dates given, the summary names métier, expérience, objectif and attestation (summary: {summary!r})")
        checks.expect(ml.driver.find_element(By.ID, "from").get_attribute("value") == FROM,
                      "the form keeps the dates typed")
        ml.shot("21b-demande-sans-texte")
        ml.get("/immersions")
        checks.expect("Aucune demande pour l'instant" in ml.main and VISITOR not in ml.main,
                      "the incomplete requests created no immersion")

        # The complete request.
        ml.driver.get(form_url)
        values = {
            "job": "Conseillère en insertion professionnelle",
            "experience": "Huit ans en Mission locale, auprès de jeunes de 16 à 25 ans, dont des jeunes suivis en soins.",
            "objective": "Savoir quand et comment orienter un jeune vers le CMP, et ce qu'en attend l'équipe de soin.",
        }
        for name, value in values.items():
            element = ml.driver.find_element(By.ID, name)
            element.clear()
            element.send_keys(value)
        # Date inputs take the date in the browser's locale order; set them directly.
        ml.driver.execute_script(f"document.getElementById('from').value = '{FROM}';"
                                 f"document.getElementById('to').value = '{TO}';")
        checkbox = ml.driver.find_element(By.ID, "practisingProfessional")
        if not checkbox.is_selected():
            checkbox.click()
        ml.shot("22-demande-remplie")
        ml.click_button("Envoyer la demande")
        checks.expect(ml.wait_for(lambda d: re.search(r"/immersions/[^/?]+\?fait=demande$", d.current_url) is not None),
                      "sending the request leads to the immersion's page")
        immersion_id = re.search(r"/immersions/([^/?]+)", ml.driver.current_url).group(1)
        immersion_path = f"/immersions/{immersion_id}"
        checks.expect("Votre demande est enregistrée" in ml.source, "the immersion page says the request was sent")
        checks.expect("Demande envoyée, en attente de réponse" in ml.source, "the immersion is waiting for the host's answer")
        checks.expect(f"du {FROM_FR} au {TO_FR}" in ml.source, "the immersion page shows the requested dates")
        ml.shot("23-demande-envoyee")

        # The browser's Back button, then the same request sent again: nothing new is created.
        ml.driver.back()
        checks.expect(ml.wait_for(lambda d: d.current_url.endswith("/demander")), "Back returns to the request form")
        for name, value in values.items():
            element = ml.driver.find_element(By.ID, name)
            if not element.get_attribute("value"):
                element.send_keys(value)
        ml.driver.execute_script(f"document.getElementById('from').value = '{FROM}';"
                                 f"document.getElementById('to').value = '{TO}';")
        checkbox = ml.driver.find_element(By.ID, "practisingProfessional")
        if not checkbox.is_selected():
            checkbox.click()
        ml.click_button("Envoyer la demande")
        checks.expect(ml.wait_for(lambda d: "Vous avez déjà une demande en cours pour cette offre" in d.page_source
                                  or d.current_url.endswith(immersion_path + "?fait=demande")),
                      "sending the same request again leads to the first one")
        checks.expect(immersion_path in ml.source or ml.driver.current_url.endswith(immersion_path + "?fait=demande"),
                      "the page links to the request already sent")
        ml.shot("23b-demande-en-double")
        ml.get("/immersions")
        checks.expect(ml.main.count(VISITOR) == 1, f"the Mission locale still has one request, not two (list: {ml.main!r})")

        # 2. The CMP's referent answers, from "À traiter".
        checks.expect(cmp.login("referent@cmp-beziers.example"), "the CMP's referent logs in")
        checks.expect(cmp.poll("/a-traiter", lambda d: f"Répondre à la demande de {VISITOR}" in d.page_source),
                      "after sync, the CMP's \"À traiter\" lists \"Répondre à la demande de …\"")
        cmp.shot("24-a-traiter-cmp")
        checks.expect("pour du " not in cmp.main, "the to-do item's French reads well (no \"pour du … au …\")"
                      + ("" if "pour du " not in cmp.main else f" (saw: {cmp.driver.find_element(By.CSS_SELECTOR, '.card p').text!r})"))
        cmp.click(By.PARTIAL_LINK_TEXT, "Répondre à la demande de")
        checks.expect(cmp.wait_for(lambda d: d.current_url.endswith(immersion_path)), "the to-do item opens the same immersion")
        checks.expect("Répondre à la demande" in cmp.source and VISITOR in cmp.source, "the CMP sees the answer form and the visitor")
        d = cmp.driver
        checks.expect(not d.find_elements(By.CSS_SELECTOR, "input[name=decision][type=radio]")
                      and all(cmp.has_button(label) for label in ["Accepter et établir la convention", "Proposer ces dates", "Refuser la demande"]),
                      "accepting, proposing other dates and declining are three separate buttons, none chosen in advance")
        checks.expect(d.find_element(By.ID, "accept-from").get_attribute("value") == FROM
                      and d.find_element(By.ID, "accept-to").get_attribute("value") == TO, "the acceptance is prefilled with the requested dates")
        checks.expect(d.find_element(By.ID, "hours").get_attribute("value") == "9 h – 17 h", "the answer form prefills the hours")
        checks.expect(d.find_element(By.ID, "places").get_attribute("value") == f"{CMP_OFFER}, Béziers", "the answer form prefills the place from the offer")
        checks.expect("Réunion clinique du mardi" in d.find_element(By.ID, "programme").get_attribute("value"),
                      "the answer form prefills the programme from the offer")
        d.execute_script("document.getElementById('answer-accept').scrollIntoView({block: 'start'});")
        cmp.shot("25-reponse-cmp")
        cmp.click_button("Accepter et établir la convention")
        checks.expect(cmp.wait_for(lambda d: "fait=reponse" in d.current_url and "Votre réponse est enregistrée" in d.page_source),
                      "accepting returns to the immersion with a notice")
        checks.expect("Version 1 du" in cmp.source, "the page shows the convention, version 1")
        checks.expect("Acceptée — convention à signer" in cmp.source, "the state is \"Acceptée — convention à signer\"")
        # The answer and the convention are written together with the same timestamp; the
        # timeline must still show them in the order they were written.
        steps = [li.text for li in d.find_elements(By.CSS_SELECTOR, "ol.timeline li")]
        accepted = next((n for n, step in enumerate(steps) if "Acceptée par" in step), None)
        drafted = next((n for n, step in enumerate(steps) if "Convention établie par" in step), None)
        checks.expect(accepted is not None and drafted is not None and accepted < drafted,
                      "the timeline lists the acceptance before the convention it led to"
                      f" (steps: {[step.splitlines()[-1] for step in steps]})")
        timeline = " ".join(steps)
        checks.expect("pour du " not in timeline, "the timeline's French reads well (no \"pour du … au …\")")
        host_sign = "Relire et signer la convention (pour la structure d'accueil)"
        checks.expect(cmp.has_link(host_sign), f"the CMP's referent is offered \"{host_sign}\"")
        cmp.shot("26-convention-cmp")
        cmp.click(By.LINK_TEXT, host_sign)
        checks.expect(cmp.wait_for(lambda d: "/signer?partie=host" in d.current_url), "signing opens the signing page")
        checks.expect(f"Je soussigné·e {CMP_REFERENT}" in cmp.source and "confidentialité et secret professionnel" in cmp.source,
                      "the signing page shows the statement the referent signs, with the principles")
        checks.expect("Réunion clinique du mardi" in cmp.source and f"du {FROM_FR} au {TO_FR}" in cmp.source,
                      "the signing page shows the convention's programme and dates")
        cmp.shot("26b-signature-cmp")
        cmp.click_button("Signer")
        checks.expect(cmp.wait_for(lambda d: "Cochez la case" in d.page_source), "signing without ticking the confirmation is refused")
        checks.expect(cmp.driver.title.startswith("Erreur :"), f"the page title says there is an error (title: {cmp.driver.title!r})")
        cmp.driver.find_element(By.ID, "confirm").click()
        cmp.click_button("Signer")
        checks.expect(cmp.wait_for(lambda d: "fait=signature" in d.current_url and "Votre signature est enregistrée" in d.page_source),
                      "the host's signature is recorded once confirmed")
        checks.expect(f"La structure d'accueil : signée par {CMP_REFERENT}" in cmp.source, "the convention shows the host's signature")
        checks.expect(not cmp.has_link(host_sign), "the host is not asked to sign twice")

        # 3. The visitor, then the Mission locale's referent (as employer), sign.
        visitor_sign = "Relire et signer la convention (pour vous-même)"
        # The host's answer, convention and signature are three records: wait until all have arrived.
        checks.expect(ml.poll(immersion_path, lambda d: f"La structure d'accueil : signée par {CMP_REFERENT}" in d.page_source),
                      "after sync, the Mission locale sees the host's signature")
        checks.expect("Acceptée — convention à signer" in ml.source and "Version 1 du" in ml.source,
                      "the Mission locale sees the accepted immersion and convention version 1")
        checks.expect(ml.has_link(visitor_sign), f"the visitor is offered \"{visitor_sign}\"")
        employer_sign = "Relire et signer la convention (pour votre structure, en tant qu'employeur)"
        checks.expect(not ml.has_link(employer_sign), "a professional is not offered to sign as employer")
        ml.shot("27-convention-visiteur")
        ml.sign(visitor_sign)
        checks.expect(ml.wait_for(lambda d: "fait=signature" in d.current_url and "Votre signature est enregistrée" in d.page_source),
                      "the visitor's signature is recorded")
        checks.expect(f"La personne accueillie : signée par {VISITOR}" in ml.source, "the convention shows the visitor's signature")
        checks.expect(ml.logout(), "the professional logs out")

        checks.expect(ml.login("referent@mission-locale-lodeve.example"), "the Mission locale's referent logs in")
        ml.get("/a-traiter")
        checks.expect("Signer la convention (pour votre structure, en tant qu'employeur)" in ml.source,
                      "the referent's \"À traiter\" asks to sign as employer")
        ml.shot("28-a-traiter-employeur")
        ml.click(By.PARTIAL_LINK_TEXT, "Signer la convention")
        checks.expect(ml.wait_for(lambda d: d.current_url.endswith(immersion_path)), "the to-do item opens the immersion")
        checks.expect(ml.has_link(employer_sign), f"the referent is offered \"{employer_sign}\"")
        checks.expect(not ml.has_link(visitor_sign), "the referent is not offered to sign for the visitor")
        ml.sign(employer_sign)
        checks.expect(ml.wait_for(lambda d: "fait=signature" in d.current_url and "Votre signature est enregistrée" in d.page_source),
                      "the employer's signature is recorded")
        checks.expect("Confirmée" in ml.source, "the Mission locale shows the immersion as \"Confirmée\"")
        ml.shot("29-confirmee-mission-locale")
        checks.expect(cmp.poll(immersion_path, lambda d: "Confirmée" in d.page_source),
                      "after sync, the CMP shows the immersion as \"Confirmée\"")
        checks.expect(f"L'employeur (référent de la structure d'origine) : signée par {ML_REFERENT}" in cmp.source
                      and f"La personne accueillie : signée par {VISITOR}" in cmp.source,
                      "the CMP sees the visitor's and the employer's signatures")
        cmp.shot("30-confirmee-cmp")
        cmp.get("/immersions")
        checks.expect(VISITOR in cmp.source and "Accueillies par votre structure" in cmp.source and "Confirmée" in cmp.source,
                      "the CMP's immersion list shows the confirmed immersion it hosts")

        # A second request, which the CMP declines with a reason: it stays a refusal.
        ml.driver.get(form_url)
        for name, value in values.items():
            ml.driver.find_element(By.ID, name).send_keys(value)
        ml.driver.execute_script("document.getElementById('from').value = '2027-02-09';"
                                 "document.getElementById('to').value = '2027-02-10';")
        ml.driver.find_element(By.ID, "practisingProfessional").click()
        ml.click_button("Envoyer la demande")
        checks.expect(ml.wait_for(lambda d: "fait=demande" in d.current_url), "the Mission locale's referent sends a second request")
        second_path = re.search(r"(/immersions/[^/?]+)", ml.driver.current_url).group(1)
        checks.expect(cmp.poll(second_path, lambda d: "Refuser la demande" in d.page_source), "after sync, the CMP can answer the second request")
        Select = __import__("selenium.webdriver.support.select", fromlist=["Select"]).Select
        Select(cmp.driver.find_element(By.ID, "reason")).select_by_value("offer_full")
        cmp.click_button("Refuser la demande")
        checks.expect(cmp.wait_for(lambda d: "fait=reponse" in d.current_url and "Refusée : offre complète" in d.page_source),
                      "a refusal with its reason is recorded as a refusal")
        checks.expect("Version 1 du" not in cmp.source, "no convention was drawn up for the refused request")
        cmp.shot("30b-refus-cmp")
        checks.expect(ml.poll(second_path, lambda d: "Refusée : offre complète" in d.page_source),
                      "after sync, the Mission locale sees the refusal and its reason")

        # The printable convention.
        ml.get(immersion_path)
        ml.click(By.LINK_TEXT, "Lire et imprimer la convention")
        checks.expect(ml.wait_for(lambda d: d.current_url.endswith(immersion_path + "/convention")),
                      "\"Lire et imprimer la convention\" opens the printable convention")
        convention = ml.text
        checks.expect(all(s in convention for s in [VISITOR, MISSION_LOCALE, CMP, f"du {FROM_FR} au {TO_FR}", "9 h – 17 h"]),
                      "the convention names the visitor, both structures, the dates and the hours")
        checks.expect("Signatures de la version 1" in convention and convention.count("Signée électroniquement le") == 3,
                      "the printable convention shows the three signatures of version 1")
        checks.expect("En attente de signature" not in convention and "Empreinte de la signature" in convention,
                      "each signature block gives its date and its fingerprint")
        ml.shot("31-convention-imprimable")
        pages = print_pages(ml.driver, "31-convention")
        checks.expect(1 <= len(pages) <= 3, f"the convention prints on A4 pages ({len(pages)})")
        problems = footer_problems(pages, "version 1")
        checks.expect(not problems, "every printed page of the convention carries the footer (version, fingerprint, page X / Y)"
                      + (f": {problems}" if problems else ""))
        printed = " ".join(pages)
        checks.expect(all(name in printed for name in [VISITOR, ML_REFERENT, CMP_REFERENT]) and printed.count("Signée électroniquement") == 3,
                      "the printed signature block names the three signatories")
        checks.expect(all(words in printed for words in ["Les parties", "La structure d'accueil", "Principes éthiques",
                                                          "Confidentialité et secret professionnel", "Droit d'interrompre"]),
                      "the printed convention has its parties' blocks and the source's ethical principles")
        checks.expect("- la personne" not in printed, "no raw \"- \" bullets in the printed convention")

        # The calendar file.
        for browser, who in [(ml, "the Mission locale"), (cmp, "the CMP")]:
            status, content_type, ics = browser.fetch("/immersions.ics")
            checks.expect(status == 200 and content_type.startswith("text/calendar"), f"{who}'s /immersions.ics downloads as text/calendar")
            unfolded = ics.replace("\r\n ", "")
            checks.expect("BEGIN:VCALENDAR" in ics and "BEGIN:VEVENT" in ics and f"UID:{immersion_id}@vismaviepro" in ics,
                          f"{who}'s calendar file holds the confirmed immersion")
            checks.expect(f"DTSTART;VALUE=DATE:{FROM.replace('-', '')}" in ics and "DTEND;VALUE=DATE:20270121" in ics
                          and VISITOR in unfolded, f"{who}'s calendar event has the dates (end exclusive) and the visitor")

        # The visitor prepares: objectives and questions, then the carnet d'immersion on A4.
        ml.ensure_logged_out()
        checks.expect(ml.login("pro@mission-locale-lodeve.example"), "the visitor logs in to prepare")
        ml.get("/a-traiter")
        checks.expect("Préparer votre immersion" in ml.source, "once signed by all, the visitor's \"À traiter\" asks for the preparation")
        ml.get(immersion_path)
        objectives = "Savoir quand orienter un jeune vers le CMP et ce qu'en attend l'équipe."
        first_question = "Quel est le délai d'un premier rendez-vous ?"
        ml.driver.find_element(By.ID, "objectives").send_keys(objectives)
        ml.driver.find_element(By.ID, "question-1").send_keys(first_question)
        ml.shot("31-preparation")
        ml.click_button("Enregistrer ma préparation")
        checks.expect(ml.wait_for(lambda d: "fait=preparation" in d.current_url and "Votre préparation est enregistrée" in d.page_source),
                      "the visitor's preparation is recorded")
        checks.expect(objectives in ml.source and first_question in ml.source, "the immersion page shows the objectives and the question")
        ml.click(By.LINK_TEXT, "Carnet d'immersion à imprimer")
        checks.expect(ml.wait_for(lambda d: d.current_url.endswith(immersion_path + "/carnet")), "the carnet opens from the immersion page")
        ml.shot("31b-carnet")
        carnet = print_pages(ml.driver, "31b-carnet")
        printed = " ".join(carnet)
        checks.expect(len(carnet) == CARNET_PAGES, f"the carnet prints on {CARNET_PAGES} A4 pages (printed: {len(carnet)})")
        checks.expect(all(words in printed for words in [objectives, first_question, "Grille d'observation", "Ce qui m'a surpris",
                                                         "Confidentialité", f"Du {FROM_FR} au {TO_FR}", "Pour le débriefing"]),
                      "the printed carnet holds the dates, the principles, the objectives and the observation grid")
        checks.expect(cmp.poll(immersion_path, lambda d: "Ce que la personne vient chercher" in d.page_source and objectives in d.page_source),
                      "after sync, the CMP reads the visitor's objectives before the first day")
        # The host's welcome checklist, ticked by its referent, kept on the CMP's node.
        checks.expect(not cmp.driver.find_elements(By.CSS_SELECTOR, "input[name=point]:checked"), "no point of the checklist is ticked in advance")
        cmp.driver.find_element(By.ID, "point-1").click()
        cmp.driver.find_element(By.ID, "point-2").click()
        cmp.shot("31c-liste-accueil")
        cmp.click_button("Enregistrer la liste d'accueil")
        checks.expect(cmp.wait_for(lambda d: "fait=accueil" in d.current_url and "Points vérifiés : 2 sur 5." in d.page_source),
                      "the CMP's referent ticks two points of the welcome checklist")

        # 4. The MDA's hub relays the records but cannot read them.
        hub = open_browser(hub_site)
        checks.expect(hub.login("admin@mda34.example"), "the MDA's administrator logs in on the hub's site")
        hub.get("/immersions")
        checks.expect(VISITOR not in hub.main and immersion_id not in hub.source and "Aucune demande reçue" in hub.main,
                      "the hub's immersion list shows nothing of the immersion")
        hub.shot("32-hub-immersions")
        hub.get(immersion_path)
        checks.expect("Page introuvable" in hub.source, "the hub's /immersions/<id> is \"Page introuvable\"")
        checks.expect(VISITOR not in hub.main, "the hub's immersion page shows nothing of the immersion")
        hub.shot("33-hub-immersion-introuvable")
        status, _, body = hub.fetch(immersion_path + "/convention")
        checks.expect(status == 404 and VISITOR not in body, "the hub cannot open the convention")
        status, _, ics = hub.fetch("/immersions.ics")
        checks.expect(status == 200 and "BEGIN:VEVENT" not in ics, "the hub's calendar file holds no immersion")
        hub.quit()
        browsers.remove(hub)

        # 5. Some days after the immersion: both evaluate; the attestation is then available.
        demo.stop()
        earlier_output = list(demo.output)
        demo = Demo(directory, base_port, AFTER)
        if not checks.expect(demo.wait_ready(), f"the demo restarts on the same data (--today {AFTER})"):
            print("".join(demo.output[-30:]))
            raise RuntimeError("demo not ready after restart")

        ml.ensure_logged_out()
        checks.expect(ml.login("pro@mission-locale-lodeve.example"), "the visitor logs in again")
        ml.get(immersion_path)
        checks.expect(f"Terminée (du {FROM_FR} au {TO_FR})" in ml.source, "the Mission locale shows the immersion as \"Terminée\"")
        checks.expect("Évaluer votre immersion" in ml.source, "the visitor is asked to evaluate the immersion")
        ml.get("/a-traiter")
        checks.expect("Évaluer votre immersion" in ml.source, "the visitor's \"À traiter\" lists the evaluation")
        ml.get(immersion_path)
        answers = {
            "observed": "Une réunion clinique et deux premiers accueils infirmiers : les critères d'orientation sont clairs.",
            "changedView": "Le délai d'attente vient du nombre de places, pas d'un tri des demandes.",
            "comments": "Accueil très disponible de l'équipe.",
            "practiceChanges": "Appeler l'infirmière d'accueil avant d'orienter un jeune.",
        }
        form = ml.driver.find_element(By.CSS_SELECTOR, "form[action$='/evaluation']")
        checks.expect(not form.find_elements(By.CSS_SELECTOR, "input:checked")
                      and all(o.get_attribute("value") == "" for o in form.find_elements(By.CSS_SELECTOR, "option:checked")),
                      "the evaluation form comes with no answer chosen in advance")
        for name, value in answers.items():
            ml.driver.find_element(By.ID, name).send_keys(value)
        ml.click_button("Envoyer l'évaluation")
        checks.expect(ml.wait_for(lambda d: "Indiquez si vous avez effectué l'immersion" in d.page_source),
                      "an evaluation without the attendance answered is refused, not read as \"yes\"")
        ml.answer_evaluation(satisfaction="4", recommend="1")
        debrief = "Oui : l'infirmière d'accueil, pour les premières demandes."
        checks.expect("Ce que vous aviez écrit avant de venir" in ml.source and objectives in ml.source,
                      "the debrief sets the questions against the visitor's own objectives")
        ml.driver.find_element(By.ID, "debrief-3").send_keys(debrief)
        ml.shot("34-evaluation-visiteur")
        ml.click_button("Envoyer l'évaluation")
        checks.expect(ml.wait_for(lambda d: "fait=evaluation" in d.current_url and "Merci : votre évaluation est enregistrée." in d.page_source),
                      "the visitor's evaluation is recorded")
        checks.expect("Évaluation — par la personne accueillie" in ml.source and "Évaluer votre immersion" not in ml.source,
                      "the visitor's evaluation is shown, and not asked again")
        checks.expect("Savez-vous maintenant à qui vous adresser dans cette structure ?" in ml.source and debrief in ml.source,
                      "the evaluation keeps the référentiel's debrief question with its answer")

        cmp.ensure_logged_out()
        checks.expect(cmp.login("referent@cmp-beziers.example"), "the CMP's referent logs in again")
        checks.expect(cmp.poll(immersion_path, lambda d: "Évaluer l'immersion" in d.page_source, timeout=10),
                      "the CMP's referent is asked to evaluate the immersion")
        for name, value in {
            "observed": "Une professionnelle attentive, qui a posé les questions que se posent les familles.",
            "changedView": "Mieux comprendre les contraintes d'un conseiller de Mission locale.",
            "comments": "À renouveler.",
        }.items():
            cmp.driver.find_element(By.ID, name).send_keys(value)
        cmp.answer_evaluation(satisfaction="5", recommend="sans-avis")
        cmp.shot("35-evaluation-cmp")
        cmp.click_button("Envoyer l'évaluation")
        checks.expect(cmp.wait_for(lambda d: "fait=evaluation" in d.current_url and "Merci : votre évaluation est enregistrée." in d.page_source),
                      "the host's evaluation is recorded")

        attestation_link = "Imprimer l'attestation de participation"
        for browser, who, prefix in [(cmp, "the CMP", "36"), (ml, "the Mission locale", "37")]:
            checks.expect(browser.poll(immersion_path, lambda d: attestation_link in d.page_source),
                          f"after sync, {who} offers \"{attestation_link}\"")
            checks.expect("Évaluation — par la personne accueillie" in browser.source
                          and "Évaluation — par la structure d'accueil" in browser.source, f"{who} shows both evaluations")
            if attestation_link not in browser.source:
                continue
            browser.click(By.LINK_TEXT, attestation_link)
            checks.expect(browser.wait_for(lambda d: d.current_url.endswith(immersion_path + "/attestation")
                                           and "Attestation de participation" in d.page_source),
                          f"{who} opens the attestation")
            attestation = browser.text
            checks.expect(VISITOR in attestation, f"{who}'s attestation names the visitor")
            checks.expect(MISSION_LOCALE in attestation and CMP in attestation, f"{who}'s attestation names both structures")
            checks.expect(f"du {FROM_FR} au {TO_FR}" in attestation, f"{who}'s attestation gives the dates")
            checks.expect("Par la personne accueillie le 25 janvier 2027, par la structure d'accueil le 25 janvier 2027" in attestation,
                          f"{who}'s attestation gives the dates of both evaluations")
            checks.expect(CMP_REFERENT in attestation and "Signataire" in attestation, f"{who}'s attestation names its signatory")
            checks.expect("nœud" not in attestation and immersion_id not in attestation and "Référence" not in attestation,
                          f"{who}'s attestation shows no internal identifier nor engineering word")
            browser.shot(f"{prefix}-attestation")

        # 6. The visitor prints a one-page attestation and downloads its credential, which verifies
        # with vmvp, on the hub's /verifier page, and with PyJWT given only the directory's key set.
        credential_link = "Télécharger l'attestation numérique (.jwt)"
        checks.expect(ml.poll(immersion_path, lambda d: credential_link in d.page_source),
                      f"after sync, the visitor is offered \"{credential_link}\"")
        ml.get(immersion_path + "/attestation")
        pages = print_pages(ml.driver, "37b-attestation")
        checks.expect(len(pages) == 1, f"the attestation prints on exactly one A4 page ({len(pages)})")
        status, content_type, token = ml.fetch(immersion_path + "/attestation.jwt")
        checks.expect(status == 200 and token.count(".") == 2 and token.startswith("eyJ"),
                      "the credential downloads as a compact JWS (.jwt)")
        fingerprint = hashlib.sha256(token.encode("ascii")).hexdigest()[:16]
        short = " ".join(fingerprint[i:i + 4] for i in range(0, 16, 4))
        checks.expect(short in pages[0] and "Vérifier cette attestation" in pages[0],
                      "the printed attestation carries the credential's short fingerprint and how to check it")
        credential_file = os.path.join(work, "attestation.jwt")
        with open(credential_file, "w", encoding="ascii") as file:
            file.write(token)
        verified = subprocess.run([VMVP, "credential", "verify", "--file", credential_file, "--data", os.path.join(directory, "hub")],
                                  capture_output=True, text=True, timeout=60)
        checks.expect(verified.returncode == 0 and f"Attestation authentique, délivrée par le {CMP}" in verified.stdout,
                      "`vmvp credential verify` on the hub's data says the credential is authentic"
                      + ("" if verified.returncode == 0 else f" ({verified.stderr.strip()})"))
        key_set = fetch_json(hub_site + "/verifier/cles.json")
        # The demo's clock runs ahead of the real one: PyJWT's "not before" check gets that much leeway.
        ahead = (datetime.date.fromisoformat(AFTER) - datetime.date.today()).days + 2
        try:
            claims = verify_with_pyjwt(token, key_set, leeway_seconds=max(ahead, 0) * 86400)
            checks.expect(claims["credentialSubject"]["identifier"][0]["identityHash"] == VISITOR
                          and claims["issuer"]["name"] == CMP and "OpenBadgeCredential" in claims["type"],
                          "PyJWT verifies the credential with the directory's public key (an Open Badges 3.0 credential of the visitor, by the CMP)")
        except Exception as error:
            checks.expect(False, f"PyJWT verifies the credential with the directory's public key ({error!r})")
        tampered_file = os.path.join(work, "alteree.jwt")
        head, payload, signature = token.split(".")
        # Someone changes the name on the file and keeps its signature.
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["credentialSubject"]["identifier"][0]["identityHash"] = "Quelqu'un d'autre"
        forged = base64.urlsafe_b64encode(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).decode("ascii").rstrip("=")
        with open(tampered_file, "w", encoding="ascii") as file:
            file.write(".".join([head, forged, signature]))
        refused = subprocess.run([VMVP, "credential", "verify", "--file", tampered_file, "--data", os.path.join(directory, "hub")],
                                 capture_output=True, text=True, timeout=60)
        checks.expect(refused.returncode != 0 and "la signature ne correspond pas au contenu" in refused.stderr,
                      "`vmvp credential verify` refuses an altered credential with a reason")
        verifier = open_browser(hub_site)
        verifier.get("/verifier")
        checks.expect("Vérifier une attestation" in verifier.source and "Se déconnecter" not in verifier.source,
                      "the hub's /verifier opens without signing in")
        verifier.shot("38-verifier")
        verifier.driver.find_element(By.ID, "file").send_keys(credential_file)
        verifier.click_button("Vérifier")
        checks.expect(verifier.wait_for(lambda d: "Attestation authentique, délivrée par" in d.page_source),
                      "an HR officer drops the file on /verifier and reads \"Attestation authentique, délivrée par …\"")
        checks.expect(short in verifier.main and VISITOR in verifier.main, "/verifier shows the fingerprint and whom it attests")
        verifier.shot("39-verifier-authentique")
        verifier.get("/verifier")
        verifier.driver.find_element(By.ID, "file").send_keys(tampered_file)
        verifier.click_button("Vérifier")
        checks.expect(verifier.wait_for(lambda d: "Attestation non reconnue" in d.page_source and "modifié" in d.page_source),
                      "/verifier refuses the altered credential and says why")
        verifier.shot("40-verifier-refusee")
        verifier.quit()
        browsers.remove(verifier)

        # 6b. Three months on, the follow-up: both structures answer, the MDA's directory lists
        # the partnership born of the immersion, and its pilot's view counts it.
        demo.stop()
        earlier_output += list(demo.output)
        demo = Demo(directory, base_port, LATER)
        if not checks.expect(demo.wait_ready(), f"the demo restarts on the same data (--today {LATER})"):
            print("".join(demo.output[-30:]))
            raise RuntimeError("demo not ready after the second restart")

        def partnership_count(page):
            """How many immersions the ML's directory page counts as followed by joint work with the CMP."""
            found = re.search(re.escape(CMP) + r"</a>, depuis une immersion en [^<]*? — (\d+) immersions? suivies? d'un travail en commun", page)
            return int(found.group(1)) if found else 0

        hub = open_browser(hub_site)
        checks.expect(hub.login("admin@mda34.example"), "the MDA's administrator logs in three months later")
        hub.get("/annuaire")
        hub.click(By.LINK_TEXT, MISSION_LOCALE)
        ml_card = hub.driver.current_url[hub.driver.current_url.index("/annuaire/"):]
        partnered_before = partnership_count(hub.source)

        def answer_follow_up(browser):
            for element_id in ["worked-1", "joint-orientation", "contact-1", "listed-1"]:
                browser.driver.execute_script(f"document.getElementById('{element_id}').scrollIntoView({{block: 'center'}});")
                browser.driver.find_element(By.ID, element_id).click()
            browser.click_button("Enregistrer le suivi")
            return browser.wait_for(lambda d: "fait=suivi" in d.current_url and "Merci : votre suivi est enregistré" in d.page_source)

        ml.ensure_logged_out()
        checks.expect(ml.login("pro@mission-locale-lodeve.example"), "the visitor logs in three months later")
        ml.get("/a-traiter")
        checks.expect("Suivi à 3 mois" in ml.source, "three months after the immersion, the visitor's \"À traiter\" asks for the follow-up")
        ml.get(immersion_path)
        form = ml.driver.find_element(By.CSS_SELECTOR, "form[action$='/suivi']")
        checks.expect(not form.find_elements(By.CSS_SELECTOR, "input:checked"), "the follow-up comes with no answer chosen in advance")
        ml.shot("37c-suivi")
        ml.click_button("Enregistrer le suivi")
        checks.expect(ml.wait_for(lambda d: "Dites si vos structures ont travaillé ensemble" in d.page_source),
                      "a follow-up sent without answers is refused and says what is missing, not read as \"no\"")
        ml.driver.find_element(By.ID, "practice").send_keys("J'appelle l'infirmière d'accueil avant d'orienter un jeune.")
        checks.expect(answer_follow_up(ml), "the visitor's follow-up is recorded")
        checks.expect("Travail en commun depuis l'immersion : oui" in ml.source, "the visitor's answer is shown on the immersion's page")

        cmp.ensure_logged_out()
        checks.expect(cmp.login("referent@cmp-beziers.example"), "the CMP's referent logs in three months later")
        checks.expect(cmp.poll(immersion_path, lambda d: "Enregistrer le suivi" in d.page_source, timeout=10),
                      "the CMP's referent is asked for the follow-up")
        checks.expect(answer_follow_up(cmp), "the CMP's follow-up is recorded")
        checks.expect(cmp.poll(immersion_path, lambda d: d.page_source.count("Suivi à 3 mois —") == 2),
                      "after sync, the CMP reads both structures' follow-ups")
        cmp.shot("37d-suivis")

        checks.expect(hub.poll(ml_card, lambda d: partnership_count(d.page_source) == partnered_before + 1),
                      "with both structures' consent, the Mission locale's directory page counts one more immersion followed by joint work "
                      f"with the CMP ({partnered_before} before)")
        hub.shot("37e-annuaire-partenariats")
        hub.get("/pilotage")
        checks.expect("Et après ? Le réseau s'est-il renforcé" in hub.source and "ont travaillé ensemble" in hub.source
                      and "Immersions suivies d'un travail en commun" in hub.source,
                      "the pilot's view shows the share of immersions followed by joint work")
        hub.quit()
        browsers.remove(hub)

        # 7. Every page of the demo, as each kind of person sees it, through axe and at 390 px.
        def sweep(browser, who, paths):
            for path in paths:
                browser.get(path)
                kind = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "id", path.lower())
                name = f"sweep-{who}" + re.sub(r"[^a-z0-9]+", "-", kind).rstrip("-")
                browser.shot(name[:80])

        offer_path = offer_url[offer_url.index("/offres/"):]
        common = ["/", "/?q=zzzz", "/?terminees=1", "/annuaire", "/demandes", "/demandes/nouvelle", "/a-traiter", "/immersions",
                  "/lexique", "/referentiel", offer_path, immersion_path, immersion_path + "/convention", immersion_path + "/attestation", immersion_path + "/carnet",
                  "/page-qui-n-existe-pas"]
        sweep(ml, "visiteur", common + [offer_path + "/demander", "/mon-compte/donnees"])
        cmp.get("/annuaire")
        cmp.click(By.LINK_TEXT, CMP)
        structure_path = cmp.driver.current_url[cmp.driver.current_url.index("/annuaire/"):]
        cmp.get(structure_path)  # the CMP's own offers are listed on its directory page
        own_offer = re.search(r'href="(/offres/[^"/]+)"', cmp.source).group(1)
        sweep(cmp, "referent", common + [structure_path, "/offres/nouvelle", own_offer + "/modifier", "/suggestions"])
        checks.expect(cmp.logout() and cmp.login("admin@cmp-beziers.example"), "the CMP's node administrator logs in")
        sweep(cmp, "admin", ["/etat", "/comptes", "/journal", "/mon-compte", "/structure", "/informations-legales"])
        hub = open_browser(hub_site)
        checks.expect(hub.login("admin@mda34.example"), "the MDA's administrator logs in for the sweep")
        sweep(hub, "mda", ["/pilotage", "/pilotage?periode=annee-scolaire&annee=2026", BILAN, "/suggestions", "/a-traiter", "/annuaire", "/", "/etat", "/comptes", "/journal", "/mon-compte",
                           "/reseau", "/reseau/inviter", "/regles", "/regles/convention", "/regles/referentiel", "/informations-legales"])
        # The annual report: the MDA writes its remarks, then prints the year on A4.
        hub.get(BILAN)
        hub.shot("41-bilan-annuel")
        remarks = "Première année pleine : douze structures, tous les secteurs représentés."
        hub.driver.find_element(By.ID, "remarques").send_keys(remarks)
        hub.click_button("Enregistrer les remarques")
        checks.expect(hub.wait_for(lambda d: "fait=remarques" in d.current_url and "Remarques enregistrées." in d.page_source),
                      "the MDA's remarks on the annual report are saved")
        pages = print_pages(hub.driver, "41-bilan-annuel")
        checks.expect(len(pages) == BILAN_PAGES, f"the annual report prints on {BILAN_PAGES} A4 pages (printed: {len(pages)})")
        printed = " ".join(pages)
        checks.expect("Bilan de la bourse d'échange" in pages[0] and "Période : année 2026" in pages[0],
                      "the report's first page names the period")
        checks.expect(all(words in printed for words in ["Chiffres clés", "Qui a découvert qui", "Et après ?", "Réciprocité", "Participation par commune",
                                                         remarks]),
                      "the printed report holds its figures, charts' tables and the MDA's remarks")
        checks.expect("Exporter (CSV)" not in printed and "Enregistrer les remarques" not in printed,
                      "the printed report leaves out the links and the form")
        hub.logout()
        sweep(hub, "anonyme", ["/connexion", "/verifier", "/mot-de-passe-oublie", "/mentions-legales", "/donnees-personnelles",
                               "/accessibilite"])

        # 6. The logs of both runs hold no address, no person's name and no secret: only the
        # lines vmvp logs (timestamp, level), not the summary the demo prints for its user.
        log_line = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4} (trace|debug|info|notice|warning|error|critical) ")
        logs = [line for line in earlier_output + demo.output if log_line.match(line)]
        secrets = ["@", VISITOR, CMP_REFERENT, ML_REFERENT, PASSWORD, "/activation/", "/reinitialisation/", "vmvp_session", "vmvp1"]
        leaks = [line.strip() for line in logs if any(secret in line for secret in secrets)]
        checks.expect(not leaks, f"the demo's {len(logs)} log lines hold no address, name, password or token"
                      + ("" if not leaks else f": {leaks[:3]}"))
    except Exception:
        traceback.print_exc()
        checks.failed += 1
        if demo:
            print("the demo's last lines:\n" + "".join(demo.output[-20:]))
    finally:
        for browser in browsers:
            browser.quit()
        if demo:
            demo.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots: {SHOTS}")
    print(f"run time: {time.time() - started:.0f} s")
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
