"""The yearly activity report (``ptce report``), checked figure by figure against a pole's data.

Pôle Vallée, below, has three years of dated history (2018–2020): arrivals, departures,
partnerships started and ended, projects, indicators of two years, decisions.  Every
number the 2020 report states is counted here again from the data, by hand.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.markdown_support import plain as _plain, section as _section, table as _table

from ptce_kit.io import load_pole
from ptce_kit.render.report import (
    growth_figure,
    last_complete_year,
    render_report_markdown,
    report_facts,
    report_figures,
    write_report,
)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "report"
NBSP = "\u00a0"

POLE = """\
id: pole-vallee
name: Pôle Vallée
founded: "2018"
pivot: coop
actors:
  - {id: coop, name: Coop Vallée, category: ess_enterprise, status: member, joined: "2018-02"}
  - {id: mairie, name: Mairie de Vallon, category: local_authority, status: member, joined: "2018-06"}
  - {id: recyclerie, name: Recyclerie du Val, category: ess_enterprise, status: member, joined: "2019-03"}
  - {id: labo, name: Laboratoire Terres, category: research_centre, status: member, joined: "2020-09"}
  - {id: garage, name: Garage Solidaire, category: ess_enterprise, status: member, joined: "2019-01", left: "2020-04"}
  - {id: asso, name: Association Pousses, category: ess_enterprise, status: member, joined: "2018-09", left: "2020-11"}
  - {id: bureau, name: Bureau Sud, category: enterprise, status: partner, joined: "2020-02"}
  - {id: futurs, name: Futurs Membres, category: enterprise, status: prospective, joined: "2020-05"}
partnerships:
  - {id: atelier, actors: [coop, recyclerie], kind: mutualisation, topic: Atelier partagé, since: "2019-04"}
  - {id: collecte, actors: [coop, mairie], kind: cooperation, topic: Collecte des encombrants,
     since: "2018-07", until: "2020-06"}
  - {id: etude, actors: [labo, coop], kind: partnership, topic: Étude des sols, since: "2020-10"}
projects:
  - {id: ressourcerie, name: Ressourcerie, actors: [coop, recyclerie], status: active, start: "2019-05"}
  - {id: jardin, name: Jardin partagé, actors: [mairie, asso], status: completed, start: "2018-04", end: "2020-03"}
  - {id: ancien, name: Ancien chantier, actors: [coop], status: completed, start: "2018-01", end: "2018-12"}
  - {id: futur, name: Tiers-lieu, actors: [coop], status: planned}
governance:
  bodies:
    - {name: Assemblée des membres, members: all, cadence: {every: 6, unit: week}}
    - {name: Comité de pilotage, members: [coop, mairie]}
  decisions:
    - {date: "2020-02-10", title: Accueil du Bureau Sud, body: Assemblée des membres}
    - {date: "2020-06-15", title: Fin de la collecte}
    - {date: "2019-05-01", title: Lancement de la ressourcerie}
indicators:
  - {name: Emplois, value: 12, unit: emplois, year: 2019, source: Rapport 2019}
  - {name: Emplois, value: 15, unit: emplois, year: 2020, source: Rapport 2020}
  - {name: Tonnes collectées, value: 40.5, unit: tonnes, year: 2020, actor: recyclerie, source: Recyclerie}
  - {name: Tonnes collectées, value: 30, unit: tonnes, year: 2019, source: Estimation du pôle}
  - {name: Bénévoles, value: 8, year: 2018, source: Rapport 2018}
"""


@pytest.fixture(scope="module")
def pole_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("vallee") / "pole.yaml"
    path.write_text(POLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pole(pole_file):
    return load_pole(pole_file)


@pytest.fixture(scope="module")
def report(pole):
    return render_report_markdown(pole, 2020)


# --- what the report says, figure by figure ----------------------------------------------------

def _members_on(data, day):
    """Members on ``day`` (YYYY-MM-DD), counted from the raw dates: joined by then, not left before."""
    out = []
    for a in data.actors:
        if a.status.value != "member":
            continue
        joined = a.joined and a.joined[:7] <= day[:7]
        still = not a.left or a.left[:7] >= day[:7]
        if (a.joined is None or joined) and still:
            out.append(a.id)
    return out


def test_the_year_at_a_glance_counts_members_and_partnerships_on_its_first_and_last_day(pole, report):
    table = _table(_section(report, "## L’année en bref"))
    assert table[0][1:] == [f"1er janvier 2020", f"31 décembre 2020"]
    start, end = _members_on(pole, "2020-01-01"), _members_on(pole, "2020-12-31")
    assert sorted(start) == ["asso", "coop", "garage", "mairie", "recyclerie"]
    assert sorted(end) == ["coop", "labo", "mairie", "recyclerie"]
    assert table[1] == ["Membres", str(len(start)), str(len(end))]
    # atelier and collecte on 1 January; atelier and etude on 31 December (collecte ended in June)
    assert table[2] == ["Partenariats en cours", "2", "2"]


def test_arrivals_and_departures_are_those_of_the_year(report):
    arrivals = _section(report, "### Arrivées")
    assert arrivals.count("\n- ") + arrivals.startswith("- ") == 2
    assert f"**Bureau Sud** (entreprise, partenaire), en février 2020." in arrivals
    assert "**Laboratoire Terres** (centre de recherche), en septembre 2020." in arrivals
    assert "Futurs Membres" not in report  # prospective: not an arrival
    departures = _section(report, "### Départs")
    assert "**Garage Solidaire** a quitté le pôle en avril 2020." in departures
    assert "**Association Pousses** a quitté le pôle en novembre 2020." in departures
    assert "Recyclerie" not in departures and "cessé" not in departures


def test_an_actor_that_ceased_its_activity_has_not_left_the_pole(pole):
    # ``ceased``/``ceased_how``/``successor`` are the actor's own life (another branch adds the
    # fields to the model): the report reads them when they are there.
    actors = [a.model_copy(update={"ceased": "2020-04", "ceased_how": "merged", "successor": "coop"})
              if a.id == "garage" else a for a in pole.actors]
    text = render_report_markdown(pole.model_copy(update={"actors": actors}), 2020)
    departures = _section(text, "### Départs")
    # what became of it, said once: not « a cessé son activité (fusion) ; son activité se poursuit »
    assert "**Garage Solidaire** a fusionné avec **Coop Vallée** en avril 2020." in _plain(departures)
    assert "Garage Solidaire** a quitté" not in departures
    english = render_report_markdown(pole.model_copy(update={"actors": actors}), 2020, lang="en")
    assert "**Garage Solidaire** merged with **Coop Vallée** in April 2020." in english


def test_composition_by_family_on_the_last_day(report):
    rows = _table(_section(report, "### Composition au 31 décembre 2020"))
    # coop, recyclerie (enterprises); mairie (collectivities); labo (research)
    assert rows[1:] == [["Entreprises", "2"], ["Collectivités et organismes publics", "1"],
                        ["Recherche, enseignement supérieur et formation", "1"]]


def test_partnerships_started_and_ended_in_the_year(report):
    started = _section(report, "### Engagés en 2020")
    ended = _section(report, "### Terminés en 2020")
    assert "**Étude des sols**" in started and "Atelier" not in started
    assert "**Collecte des encombrants**" in ended and "jusqu’en juin 2020" in ended


def test_projects_of_the_year_with_the_status_the_data_gives(report):
    section = _section(report, "## Les projets")
    rows = _table(section)
    assert [r[0] for r in rows[1:]] == ["Ressourcerie", "Jardin partagé"]  # not 2018's, not the undated one
    assert rows[1][2:] == ["mai 2019", "", "en cours"]
    assert rows[2][2:] == ["avril 2018", "mars 2020", "achevé"]
    assert "Un projet n’a pas de dates dans les données" in section.replace(NBSP, " ")


def test_indicators_are_compared_only_with_the_same_indicator_of_the_year_before(report):
    rows = _table(_section(report, "## Emplois et indicateurs"))
    assert rows[0] == ["Indicateur", "Périmètre", "2019", "2020", "Évolution", "Source"]
    jobs, tonnes = rows[1], rows[2]
    assert jobs == ["Emplois", "le pôle", "12 emplois", "15 emplois", f"+3 (+25{NBSP}%)", "Rapport 2020"]
    # 2019's tonnes are the pole's, 2020's the recyclerie's: not the same figure, not compared
    assert tonnes == ["Tonnes collectées", "Recyclerie du Val", "", "40,5 tonnes", "", "Recyclerie"]
    # The pole's own tonnes of 2019 have no figure for 2020 in the data: a line to fill in.
    assert rows[3] == ["Tonnes collectées", "le pôle", "30 tonnes", "[à compléter]", "", ""]
    assert len(rows) == 4  # 2018's volunteers are not of these two years
    assert "57" not in report and "27" not in report  # no sum across years (12 + 15, 30 + 27…)


def test_governance_says_only_what_the_data_says(report):
    bodies = _section(report, "### Instances")
    assert "**Assemblée des membres** : se réunit toutes les 6 semaines. Réunions" in bodies.replace(NBSP, " ")
    assert bodies.count("Réunions tenues en 2020 : [nombre à compléter]".replace(" :", f"{NBSP}:")) == 2
    assert "**Comité de pilotage**." in bodies
    decisions = _section(report, "### Décisions prises en 2020")
    assert [line[:18] for line in decisions.strip().splitlines()] == ["- 10 février 2020,", "- 15 juin 2020 : *".replace(" :", f"{NBSP}:")]
    assert "ressourcerie" not in decisions.lower()


def test_public_support_is_a_blank_without_data_and_listed_with_it(pole, report):
    assert "[Soutiens publics reçus en 2020 à compléter" in _section(report, "## Soutiens publics")

    from ptce_kit.model import Support

    given = [Support.model_validate(item) for item in (
        {"funder": "mairie", "programme": "Subvention de fonctionnement", "amount": {"value": 15000},
         "since": "2020", "until": "2020", "outcome": "laureate"},
        {"funder": {"name": "Région", "kind": "region"}, "programme": "Appel à projets", "since": "2019",
         "until": "2019", "outcome": "laureate"},
        {"funder": "mairie", "programme": "Appel non retenu", "since": "2020", "outcome": "not-retained"})]
    with_support = pole.model_copy(update={"support": given})
    section = _section(render_report_markdown(with_support, 2020), "## Soutiens publics")
    assert "**Mairie de Vallon** : Subvention de fonctionnement, 15 000 €, en 2020." in _plain(section)
    # The région's support was of 2019; an application not retained was not received.
    assert "Région" not in section and "non retenu" not in section
    complete = pole.model_copy(update={"support": [], "support_complete": True})
    assert "Aucun soutien public reçu en 2020." in _section(render_report_markdown(complete, 2020), "## Soutiens publics")


def test_growth_table_and_figure_are_the_counts_of_each_31_december(pole, report):
    rows = _table(_section(report, "## L’évolution du pôle"))
    expected = [[str(y), str(len(_members_on(pole, f"{y}-12-31"))), t] for y, t in ((2018, "1"), (2019, "2"), (2020, "2"))]
    assert rows[1:] == expected == [["2018", "3", "1"], ["2019", "5", "2"], ["2020", "4", "2"]]
    fig = growth_figure(report_facts(pole, 2020)["growth"], "fr")
    lines = fig.axes[0].get_lines()
    assert [list(line.get_xdata()) for line in lines] == [[2018, 2019, 2020]] * 2
    assert [list(line.get_ydata()) for line in lines] == [[3, 5, 4], [1, 2, 2]]


def test_a_year_without_events_says_so_and_invents_nothing(pole):
    text = render_report_markdown(pole, 2023)
    for sentence in ("Aucune arrivée ni aucun départ en 2023.", "Aucun partenariat engagé ni terminé en 2023.",
                     "Aucune décision prise en 2023.", "| Emplois | le pôle | | [à compléter] | | |"):
        assert sentence in text
    assert "Les données n’enregistrent" not in text and "selon les données" not in text
    # The ressourcerie, started in 2019 with no end, is under way still.
    assert [r[0] for r in _table(_section(text, "## Les projets"))[1:]] == ["Ressourcerie"]


def test_last_complete_year_is_the_datas_last_year_never_the_current_one(pole):
    assert last_complete_year(pole, "2026-12-01") == 2020
    assert last_complete_year(pole, "2020-07-01") == 2019
    from ptce_kit.model import Pole

    assert last_complete_year(Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise"}])) is None


# --- formats, figures, determinism ---------------------------------------------------------------

def _images(html: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'<img src="data:image/png;base64,([^"]+)"', html)]


def test_html_pdf_odt_and_docx_embed_the_figures_and_the_bytes_repeat(pole, tmp_path):
    pytest.importorskip("odf")
    pytest.importorskip("docx")
    formats = ["md", "html", "odt", "docx"]
    try:
        import weasyprint  # noqa: F401

        formats.append("pdf")
    except (ImportError, OSError):
        pass
    first = write_report(pole, tmp_path / "a", 2020, formats=formats)
    second = write_report(pole, tmp_path / "b", 2020, formats=formats)
    assert [p.name for p in first] == [f"rapport-activite-2020.{f}" for f in formats]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    html = (tmp_path / "a" / "rapport-activite-2020.html").read_text(encoding="utf-8")
    figures = report_figures(pole, 2020, lang="fr")
    assert list(figures) == ["growth", "composition", "maps"]
    assert _images(html) == [figures["composition"], figures["maps"], figures["growth"]]
    assert 'alt="Carte de coopération au 1er janvier et au 31 décembre 2020"' in html
    md = (tmp_path / "a" / "rapport-activite-2020.md").read_text(encoding="utf-8")
    assert "data:image" not in md and "![" not in md  # the Markdown keeps the numbers, as tables
    if "pdf" in formats:
        _pdf_pages_checked(tmp_path / "a" / "rapport-activite-2020.pdf")
    _office_figures_checked(tmp_path / "a", figures)


def _office_figures_checked(folder: Path, figures: dict[str, bytes]) -> None:
    """The ODT and the DOCX carry the three figures, the same PNGs as the HTML, in the report's order."""
    import zipfile

    import docx

    expected = [figures["composition"], figures["maps"], figures["growth"]]
    odt = zipfile.ZipFile(folder / "rapport-activite-2020.odt")
    assert [odt.read(f"Pictures/figure-{n}.png") for n in (1, 2, 3)] == expected
    content = odt.read("content.xml").decode("utf-8")
    assert content.count("<draw:frame ") == 3 and 'xlink:href="Pictures/figure-2.png"' in content
    assert "<svg:desc>Carte de coopération au 1er janvier et au 31 décembre 2020</svg:desc>" in content
    manifest = odt.read("META-INF/manifest.xml").decode("utf-8")
    assert 'manifest:full-path="Pictures/figure-3.png"' in manifest
    word = docx.Document(folder / "rapport-activite-2020.docx")
    shapes = word.inline_shapes
    assert len(shapes) == 3 and all(abs(shape.width.cm - 17.4) < 0.01 for shape in shapes)
    parts = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in shapes]
    assert [word.part.related_parts[r].blob for r in parts] == expected
    assert shapes[1]._inline.docPr.get("descr") == "Carte de coopération au 1er janvier et au 31 décembre 2020"


def _pdf_pages_checked(pdf: Path) -> None:
    """The PDF holds the three figures and the tables' words; its pages go to the artefacts."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("Rapport d’activité 2020", "Partenariats en cours", "Garage Solidaire a quitté le pôle",
                  "15 emplois", "L’évolution du pôle"):
        assert words in text.replace("\n", " ").replace(NBSP, " ").replace("\u202f", " "), words
    assert len({image.data for page in reader.pages for image in page.images}) == 3
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, ARTIFACTS / pdf.name)
    if shutil.which("pdftoppm"):
        for old in ARTIFACTS.glob("page-*.png"):
            old.unlink()  # the pages of an earlier, longer report
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "page")], check=True, timeout=120)
        assert len(list(ARTIFACTS.glob("page-*.png"))) == len(reader.pages)


def test_the_english_report(pole):
    text = render_report_markdown(pole, 2020, lang="en")
    assert text.startswith("# Activity report 2020: Pôle Vallée\n")
    assert _table(_section(text, "## The year at a glance"))[1] == ["Members", "5", "4"]
    assert "**Garage Solidaire** left the pole in April 2020." in text
    assert "| Jobs" not in text and "| Emplois | the pole | 12 emplois | 15 emplois | +3 (+25%) |" in text


# --- the command line, and ptce build ---------------------------------------------------------

def test_ptce_report_writes_the_asked_formats(ptce, pole_file, tmp_path):
    result = ptce("report", pole_file, "--year", "2020", "-o", tmp_path / "out", "--format", "md,html")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "out" / f"rapport-activite-2020.{f}") for f in ("md", "html")]
    again = ptce("report", pole_file.parent, "-o", tmp_path / "out", "--lang", "en", "--format", "md")
    assert again.returncode == 0, again.stderr  # the last complete year of the data: 2020
    assert (tmp_path / "out" / "activity-report-2020.md").read_text(encoding="utf-8").startswith("# Activity report 2020")


def test_ptce_report_explains_what_it_cannot_do(ptce, pole_sud_path, pole_file, tmp_path):
    undated = ptce("report", pole_sud_path, "-o", tmp_path / "x")
    assert undated.returncode == 1 and "no dates" in undated.stderr and "--year" in undated.stderr
    assert "Traceback" not in undated.stderr
    wrong = ptce("report", pole_file, "--year", "2020", "--format", "csv", "-o", tmp_path / "x")
    assert wrong.returncode == 2 and "md, html, pdf, odt, docx" in wrong.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "rapport-activite-2020.md").write_text("Mon texte\n", encoding="utf-8")
    refused = ptce("report", pole_file, "--year", "2020", "--format", "md", "-o", mine)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert (mine / "rapport-activite-2020.md").read_text(encoding="utf-8") == "Mon texte\n"


def test_ptce_build_makes_the_report_of_the_last_complete_year(ptce, pole_file, tmp_path):
    result = ptce("build", pole_file, "-o", tmp_path / "out", "--formats", "md")
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "out" / "rapport-activite-2020.md") in result.stdout.split()
    made = (tmp_path / "out" / "rapport-activite-2020.md").read_text(encoding="utf-8")
    assert made == render_report_markdown(load_pole(pole_file), 2020)
