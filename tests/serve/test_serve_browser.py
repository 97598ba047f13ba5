"""The workspace driven in a real headless Chromium, against ``ptce serve`` running as users run it.

Needs Playwright (the ``test`` extra) and Debian's ``chromium`` (or ``PTCE_CHROMIUM``), as the
interactive map's browser tests; skipped without them, except under CI (``CI=true``), where
they fail.  Every request other than to the local server is aborted and recorded: none is
allowed.  Screenshots of each page go to ``test-artifacts/serve/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from serving import COMMENT, ROOT  # noqa: E402

from tests.browser_support import browser, offline  # noqa: E402,F401 - the fixture, shared with the other browser tests

ARTIFACTS = ROOT / "test-artifacts" / "serve"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
GOOD_SIRET = "73282932000074"

pytestmark = pytest.mark.browser


def start_server(target: Path) -> tuple[subprocess.Popen[str], str]:
    """``ptce serve TARGET --no-browser`` in a subprocess; the address it prints (with its token)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "ptce_kit", "serve", str(target), "--no-browser"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
    assert found, line
    return process, found.group(1)


@pytest.fixture
def served(pole_file):
    process, url = start_server(pole_file.parent)
    yield url
    process.terminate()
    process.wait(timeout=10)


class Session:
    """A browser context on the workspace, every request elsewhere aborted and recorded."""

    def __init__(self, browser, url: str) -> None:
        self.origin = url.split("/?")[0]
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                           locale="fr-FR")
        self.blocked: list[str] = []
        self.errors: list[str] = []

        self.context.route("**/*", offline((self.origin + "/", "data:", "blob:", "about:"), self.blocked))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def accessibility(self) -> list[str]:
        """The violations axe-core finds on the page (WCAG 2 A and AA: labels, contrast, keyboard…)."""
        self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found = self.page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
            return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""")
        return list(found)

    def unlabelled(self) -> list[str]:
        """Form controls without a label a screen reader would read."""
        return self.page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.closest('fieldset legend, fieldset'))
            .map(e => e.name || e.id)""")


def test_a_founder_adds_an_actor_and_a_partnership_in_the_browser(browser, served, pole_file, ptce):
    session = Session(browser, served)
    page = session.page
    before = pole_file.read_text(encoding="utf-8")
    assert page.url == session.origin + "/"  # the token was traded for the cookie, and left the address
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("h1").inner_text().startswith("Pôle Sud")
    assert page.locator("#verdicts table").count() == 1  # the criteria, fetched after the page
    session.shot("tableau-de-bord")
    assert session.accessibility() == []

    # The skip link comes first with the keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"

    page.click("text=Acteurs")
    page.wait_for_selector("#items")
    page.fill("#q", "archer")  # search as you type
    assert page.locator("#items tbody tr:visible").count() == 1
    session.shot("acteurs")
    assert session.accessibility() == []
    page.click("text=Ajouter un acteur")
    assert session.unlabelled() == []
    assert session.accessibility() == []
    page.fill("#f-name", "Coop du Navigateur")
    page.select_option("#f-category", "ess_enterprise")
    page.fill("#f-siret", "12345678901234")
    page.locator("#f-siret").blur()
    assert page.locator("#live-siret").is_visible()  # checked as typed
    page.click("button:has-text('Enregistrer')")
    message = page.locator("#e-siret")
    assert message.inner_text().startswith("SIRET invalide")
    assert pole_file.read_text(encoding="utf-8") == before
    session.shot("acteur-siret-invalide")

    page.fill("#f-siret", GOOD_SIRET)
    page.locator("#f-siret").blur()
    assert not page.locator("#live-siret").is_visible()
    page.fill("#f-joined", "2024-03")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector(".notice")
    assert "Enregistré dans pole.yaml." in page.locator(".notice").inner_text()
    session.shot("acteur-enregistre")

    page.click("text=Partenariats")
    page.click("text=Ajouter un partenariat")
    page.select_option("#f-kind", "cooperation")
    page.fill("#f-actors", "coop-du-navigateur, groupe-archer")
    page.check("input[name=resources][value=knowledge]")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector(".notice")
    session.shot("partenariat")

    after = pole_file.read_text(encoding="utf-8")
    assert "name: Coop du Navigateur" in after and GOOD_SIRET in after
    assert "actors: [coop-du-navigateur, groupe-archer]" in after
    old_comments = [line.strip() for line in before.splitlines() if line.strip().startswith("#")]
    assert [line.strip() for line in after.splitlines() if line.strip().startswith("#")] == old_comments
    assert COMMENT in after

    page.click("text=Carte")
    frame = page.frame_locator("iframe.map")
    frame.locator("body[data-ready=true]").wait_for(timeout=15_000)
    assert frame.locator('#map .node[data-id="coop-du-navigateur"]').count() == 1
    session.shot("carte")

    for slug, name in (("projets", "projets"), ("indicateurs", "indicateurs"), ("gouvernance", "gouvernance")):
        page.goto(f"{session.origin}/{slug}")
        session.shot(name)
        assert session.accessibility() == [], slug
    page.click("text=Documents")
    session.shot("documents")
    assert session.accessibility() == []
    with page.expect_download() as download:
        page.click('#doc-charter a[href="/documents/charter.pdf"]')
    assert download.value.suggested_filename == "charte.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # A change made with the CLI while a form is open is shown, and not overwritten.
    page.goto(session.origin + "/acteurs/scop-vtd")
    page.fill("#f-website", "https://navigateur.example")
    result = ptce("member", "update", str(pole_file), "scop-vtd", "--description", "Changé par la ligne de commande.")
    assert result.returncode == 0, result.stderr
    page.click("button:has-text('Enregistrer')")
    page.wait_for_selector(".conflict")
    assert "Changé par la ligne de commande." in page.locator(".conflict pre").inner_text()
    session.shot("conflit")
    text = pole_file.read_text(encoding="utf-8")
    assert "Changé par la ligne de commande." in text and "navigateur.example" not in text
    assert page.locator("#f-website").input_value() == "https://navigateur.example"  # kept for the user
    page.click("button:has-text('Enregistrer')")  # sent again, with the new hash
    page.wait_for_selector(".notice")
    text = pole_file.read_text(encoding="utf-8")
    assert "Changé par la ligne de commande." in text and "https://navigateur.example" in text

    # A members' spreadsheet in Windows-1252, separated by ';', as Excel writes it in France.
    spreadsheet = pole_file.parent.parent / "membres.csv"
    spreadsheet.write_bytes("Nom;Catégorie;Date d'adhésion\r\nÉpicerie Coopérative;ess_enterprise;2024\r\n"
                            .encode("cp1252"))
    page.click("text=Importer")
    page.set_input_files("#spreadsheet", str(spreadsheet))
    page.click("button:has-text('Lire le tableur')")
    page.wait_for_selector("#rows")
    assert page.locator("#rows tbody tr.fate-added").count() == 1
    session.shot("importer")
    assert session.accessibility() == []
    page.click("button:has-text('Importer les lignes cochées')")
    page.wait_for_selector(".notice")
    assert "name: Épicerie Coopérative" in pole_file.read_text(encoding="utf-8")

    assert session.blocked == []
    assert session.errors == []
    session.context.close()


def test_a_founder_founds_a_pole_from_the_form_in_the_browser(browser, empty_folder):
    """With no pole yet, the first page is the founding form: a bad answer is refused beside its field, in
    French, with nothing written; the good answers found the pole, and its dashboard follows."""
    process, url = start_server(empty_folder)
    try:
        session = Session(browser, url)
        page = session.page
        page.wait_for_selector("form[action='/fonder']")
        assert "Fonder un pôle" in page.locator("h1").inner_text()
        session.shot("fonder")
        assert session.accessibility() == []
        page.fill("#f-pole_name", "Pôle Nord")
        page.fill("#f-commune_insee", "5935")  # one digit short
        page.click("form[action='/fonder'] button[type=submit]")
        page.wait_for_selector("#e-commune_insee")
        assert page.locator("#f-commune_insee").get_attribute("aria-invalid") == "true"
        assert page.locator("#f-pole_name").input_value() == "Pôle Nord"  # what was typed stays
        assert list(empty_folder.iterdir()) == []
        page.fill("#f-commune_insee", "59350")
        page.fill("#f-commune_name", "Lille")
        page.fill("#f-territory_name", "Métropole lilloise")
        page.fill("#f-pivot_name", "Coop Nord")
        page.select_option("#f-with_examples", "non")
        page.click("form[action='/fonder'] button[type=submit]")
        page.wait_for_selector("body[data-ready=true]")
        assert page.locator("h1").inner_text().startswith("Pôle Nord")
        created = [p for p in empty_folder.iterdir() if p.is_dir()]
        assert len(created) == 1
        from ptce_kit.io import load_pole

        pole = load_pole(created[0] / "pole.yaml")
        assert pole.name == "Pôle Nord" and any(a.name == "Coop Nord" for a in pole.actors)
        session.shot("fonde")
        # The new pole's governance, edited in its form: the decision rule and a first college.
        page.click("nav >> text=Gouvernance")
        page.wait_for_selector("form[action='/gouvernance']")
        assert session.accessibility() == []
        page.select_option("#f-decision_rule", "consensus")
        page.fill("[name='colleges.0.name']", "Fondateurs")
        page.fill("[name='colleges.0.weight']", "100")
        page.click("form[action='/gouvernance'] button[type=submit]")
        page.wait_for_selector(".notice")
        session.shot("gouvernance")
        governance = load_pole(created[0] / "pole.yaml").governance
        assert governance.decision_rule == "consensus" and [c.name for c in governance.colleges] == ["Fondateurs"]
        assert session.blocked == [] and session.errors == []
        session.context.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_accessibility_check_finds_what_it_is_meant_to(browser, served):
    """The check above is no formality: axe-core, run the same way, flags an unlabelled field and low contrast."""
    session = Session(browser, served)
    session.page.set_content('<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main>'
                             '<input name="x"><p style="color:#bbb;background:#fff">pâle</p></main></body></html>')
    found = " ".join(session.accessibility())
    assert "label" in found and "color-contrast" in found
    session.context.close()
