"""What the observatory writes: the pages, the downloads, the cache, the words of each language."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from ptce_kit.cli import main as cli_main
from ptce_kit import comparison
from ptce_kit.comparison import compare
from ptce_kit.io import load_pole
from ptce_kit.errors import PoleError
from ptce_kit.observatory import build_site
from ptce_kit.observatory import site as site_module
from tests.render.test_french_language import ENGLISH_WORDS, FRENCH_WORDS

from observatory_data import AT, EXAMPLES

PAGES = ("index.html", "figures.html", "sources.html")


def _own_words(page: str) -> list[str]:
    """The words of a page written by the site itself: scripts, styles and the poles' own texts
    (``translate="no"``) left out, and the credit's names."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    for _ in range(3):  # nested elements marked translate="no"
        text = re.sub(r'<(\w+)[^>]*translate="no"[^>]*>.*?</\1>', " ", text, flags=re.S)
    text = re.sub(r'(aria-label|placeholder|data-template)="[^"]*"', " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    text = re.sub(r"Outlines: .*?Geography: .*?\.|Contours des départements : .*?Géographie : [^.]*\.", " ", text)
    text = re.sub(r"@svg-maps\S*|Victor Cazanave|MapSVG|mapsvg\.com|creativecommons\.org\S*|INSEE.*?Etalab\)|GeoNames.*?PyPI[^)]*\)", " ", text)
    return re.findall(r"[A-Za-zÀ-ÿœŒ’']+", text)


def _site_pages(site: Path) -> list[Path]:
    return [site / name for name in PAGES] + sorted(site.glob("poles/*/index.html"))


def test_french_pages_hold_no_english_word(sites):
    for page in _site_pages(sites["fr"]):
        english = sorted({w for w in _own_words(page.read_text(encoding="utf-8")) if w.lower() in ENGLISH_WORDS})
        assert not english, f"{page.relative_to(sites['fr'])}: {english}"


def test_english_pages_hold_no_french_word(sites):
    for page in _site_pages(sites["en"]):
        french = sorted({w for w in _own_words(page.read_text(encoding="utf-8")) if w.lower() in FRENCH_WORDS})
        assert not french, f"{page.relative_to(sites['en'])}: {french}"


def test_every_page_is_self_contained(sites):
    for site in sites.values():
        for page in [*site.glob("*.html"), *site.glob("poles/*/*.html")]:
            text = page.read_text(encoding="utf-8")
            assert not re.search(r"""(src|href)=["'](https?:)?//""", text), page
            if page.name != "fiche.html":  # the fiche is the document renderer's page, as ptce build writes it
                assert "Content-Security-Policy" in text, page


def test_the_table_is_the_comparison_and_downloads_in_french(pole_files, sites):
    rows = compare([load_pole(f) for f in pole_files], at=AT)
    csv = (sites["fr"] / "poles.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert csv[0].split(";")[:3] == ["pole", "name", "territory"]
    assert len(csv) == 1 + len(rows)
    sud = next(line for line in csv if line.startswith("pole-sud;"))
    row = next(r for r in rows if r["pole"] == "pole-sud")
    assert f"{row['density']}".replace(".", ",") in sud.split(";")
    assert (sites["en"] / "poles.csv").read_bytes().decode("utf-8-sig").splitlines()[0].startswith("pole,name,")
    from openpyxl import load_workbook

    sheet = load_workbook(sites["fr"] / "poles.xlsx").active
    assert sheet.max_row == 1 + len(rows)


def test_national_figures_say_how_many_poles_they_rest_on(sites):
    page = (sites["fr"] / "figures.html").read_text(encoding="utf-8")
    counts = dict(re.findall(r'data-figure="(\w+)" data-n="(\d+)"', page))
    assert counts["actors"] == "10"  # every pole has members
    assert counts["jobs_indicators"] == "10"  # the synthetic poles, Pôle Sud and Coteaux (a series by year) give jobs
    assert {"families", "meetings_per_year", "formal", "below_departement", "density",
            "pivot_connectivity_loss", "ei_index"} <= set(counts)
    assert "<svg class=\"histogram\"" in page


def test_a_pole_that_says_nothing_of_its_governance_is_not_counted_as_informal(tmp_path):
    import yaml

    from ptce_kit.io import save_pole
    from ptce_kit.synth import synthetic_poles

    drawn = synthetic_poles(6, seed=5)
    formal = next(p for p in drawn if p.governance.form.value != "informal")
    informal = next(p for p in drawn if p.governance.form.value == "informal")
    silent = next(p for p in drawn if p.governance.form.value == "informal" and p.id != informal.id)
    files = []
    for pole in (formal, informal, silent):
        path = tmp_path / f"{pole.id}.yaml"
        save_pole(pole, path)
        files.append(path)
    data = yaml.safe_load(files[2].read_text(encoding="utf-8"))
    del data["governance"]  # the file says nothing of its governance
    files[2].write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # the comparison shows the unknown form as a blank, not as informal
    rows = {r["pole"]: r for r in compare([load_pole(f) for f in files], at=AT)}
    assert rows[informal.id]["governance_form"] == "informal" and rows[silent.id]["governance_form"] is None
    site = tmp_path / "site"
    build_site(files, site, lang="fr", load=load_pole, at=AT)
    page = (site / "figures.html").read_text(encoding="utf-8")
    formal_figure = re.search(r'<section class="figure" data-figure="formal" data-n="(\d+)">.*?</section>', page, re.S)
    # the share rests on the two poles that say their form: one formal of two, the third left out
    assert formal_figure.group(1) == "2"
    text = html.unescape(formal_figure.group(0))
    assert "50\u00a0% (1 sur 2 pôles) · 1 pôle ne le dit pas" in text
    members = re.search(r'data-figure="actors" data-n="(\d+)"', page)
    assert members.group(1) == "3"


def test_sources_page_says_which_date_it_gives(pole_files, tmp_path):
    import os
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()
    committed, edited, loose = repo / "a.yaml", repo / "b.yaml", tmp_path / "c.yaml"
    for source, target in zip(pole_files[2:5], (committed, edited, loose), strict=True):
        shutil.copy(source, target)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-03-05T10:00:00+00:00", "GIT_COMMITTER_DATE": "2024-03-05T10:00:00+00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for argv in (["init", "-q"], ["add", "a.yaml", "b.yaml"], ["commit", "-q", "-m", "poles"]):
        subprocess.run(["git", "-C", str(repo), *argv], check=True, env=env)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed since the commit
    os.utime(loose, (1_600_000_000, 1_600_000_000))  # 2020-09-13
    site = tmp_path / "site"
    report = build_site([committed, edited, loose], site, load=load_pole, lang="en", at=AT)
    page = (site / "sources.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr data-pole="([^"]+)">(.*?)</tr>', page, flags=re.S))
    a, b, c = (rows[p] for p in report.poles)
    assert "<td>2024-03-05</td><td>date of the last git commit</td>" in a
    assert "modification time of the file" in b and "2024-03-05" not in b
    assert "<td>2020-09-13</td><td>modification time of the file</td>" in c


def test_same_data_same_bytes_whatever_the_jobs(pole_files, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    build_site(pole_files[:4], one, load=load_pole, at=AT, jobs=1)
    build_site(pole_files[:4], two, load=load_pole, at=AT, jobs=2)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file() and ".cache" not in p.parts)
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file() and ".cache" not in p.parts)
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_same_bytes_whichever_engine_measured_the_betweenness(pole_files, tmp_path, monkeypatch):
    pytest.importorskip("igraph")
    sites = {}
    for engine, threshold in (("networkx", 10**9), ("igraph", 1)):
        monkeypatch.setattr(comparison, "IGRAPH_FROM", threshold)
        assert site_module._engine(len(pole_files)) == engine
        sites[engine] = tmp_path / engine
        build_site(pole_files, sites[engine], load=load_pole, at=AT)
    for name in ("poles.csv", "poles.xlsx", "index.html"):
        assert (sites["networkx"] / name).read_bytes() == (sites["igraph"] / name).read_bytes(), name


def test_second_run_renders_only_the_changed_pole(pole_files, tmp_path, monkeypatch):
    folder = tmp_path / "poles"
    folder.mkdir()
    files = []
    for f in pole_files[2:6]:
        shutil.copy(f, folder / f.name)
        files.append(folder / f.name)
    site = tmp_path / "site"
    renders: list[str] = []
    real = site_module._write_pole_pages
    monkeypatch.setattr(site_module, "_write_pole_pages",
                        lambda pole, *a, **k: (renders.append(pole.id), real(pole, *a, **k))[1])
    first = build_site(files, site, load=load_pole, at=AT)
    assert sorted(renders) == sorted(first.poles) and len(renders) == 4
    before = {p: p.read_bytes() for p in site.glob("poles/*/index.html")}
    renders.clear()
    again = build_site(files, site, load=load_pole, at=AT)
    assert renders == [] and again.rendered == []
    changed = files[1]
    text = changed.read_text(encoding="utf-8")
    assert "name: Pôle synthétique 002" in text
    changed.write_text(text.replace("name: Pôle synthétique 002", "name: Pôle modifié 002"), encoding="utf-8")
    third = build_site(files, site, load=load_pole, at=AT)
    assert renders == [third.rendered[0]] and len(third.reused) == 3
    assert third.rendered == [load_pole(changed).id]
    assert "Pôle modifié 002" in (site / "index.html").read_text(encoding="utf-8")
    for page, content in before.items():
        if page.parent.name != third.rendered[0]:
            assert page.read_bytes() == content


def test_a_pole_left_out_has_its_pages_removed(pole_files, tmp_path):
    site = tmp_path / "site"
    build_site(pole_files[:3], site, load=load_pole, at=AT)
    gone = load_pole(pole_files[2]).id
    assert (site / "poles" / gone / "index.html").is_file()
    build_site(pole_files[:2], site, load=load_pole, at=AT)
    assert not (site / "poles" / gone).exists()
    assert len(list((site / ".cache" / "poles").glob("*.json"))) == 2


def _run(argv: list[str]) -> int:
    try:
        return cli_main(argv) or 0
    except SystemExit as exit_info:
        return int(exit_info.code or 0)


def test_cli_reports_a_bad_file_and_builds_the_rest(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: [\n", encoding="utf-8")
    status = _run(["observatory", str(EXAMPLES[0]), str(bad), "-o", str(tmp_path / "site"), "--at", AT])
    assert status == 1
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "Traceback" not in err
    assert (tmp_path / "site" / "index.html").is_file()


def test_cli_refuses_a_folder_that_is_not_a_site(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mes notes", encoding="utf-8")
    assert _run(["observatory", str(EXAMPLES[0]), "-o", str(folder)]) == 1
    assert "not a site of ptce observatory" in capsys.readouterr().err
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mes notes"


def test_cli_unknown_colour_names_the_columns(tmp_path, capsys):
    assert _run(["observatory", str(EXAMPLES[0]), "-o", str(tmp_path / "s"), "--colour", "nope"]) == 1
    err = capsys.readouterr().err
    assert "'nope'" in err and "density" in err and "Traceback" not in err


def test_an_unknown_colour_is_refused_before_any_pole_is_measured(tmp_path, monkeypatch):
    measured: list[str] = []
    monkeypatch.setattr(site_module, "_measure_pole", lambda file, *a, **k: measured.append(file) or {})
    with pytest.raises(PoleError) as caught:
        build_site(EXAMPLES, tmp_path / "s", load=load_pole, at=AT, colour="nope")
    assert measured == [] and not (tmp_path / "s" / "poles").exists()
    assert caught.value.problems[0].code == "PTCE-E306" and "density" in str(caught.value.problems[0].hint)


@pytest.mark.parametrize("column", ["density", "governance_form", "criteria_definition", "level"])
def test_map_coloured_by_a_column(pole_files, tmp_path, column):
    site = tmp_path / column
    build_site(pole_files[:4], site, load=load_pole, at=AT, colour=column)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="pole-dot"', page)) == 4
    assert len(set(re.findall(r'<circle [^>]*fill="(#[0-9a-f]{6})"', page))) >= 2


def test_a_pole_page_shows_its_indicators_over_time(sites):
    # a synthetic pole's direct jobs over three years: a table and a chart
    page = next(p for p in sorted((sites["fr"] / "poles").glob("synthetic-*/index.html")))
    text = page.read_text(encoding="utf-8")
    assert text.count("<polyline") == 1 and "Emplois directs" in text
    # Pôle Sud's undated figures are listed too, without a chart
    sud = (sites["fr"] / "poles" / "pole-sud" / "index.html").read_text(encoding="utf-8")
    assert "Personnes en recherche" in sud and "<polyline" not in sud


def test_hostile_names_are_shown_not_run(tmp_path):
    from ptce_kit.io import save_pole
    from ptce_kit.synth import synthetic_pole

    hostile = '<img src=x onerror=alert(1)>"</script>'
    pole = synthetic_pole(6, seed=4, name=hostile)
    path = tmp_path / "pole.yaml"
    save_pole(pole, path)
    site = tmp_path / "site"
    build_site([path], site, load=load_pole, at=AT)
    for page in ("index.html", "sources.html", f"poles/{pole.id}/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text, page


def test_cli_with_no_readable_file_names_each_problem(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: [\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    assert _run(["observatory", str(bad), str(missing), "-o", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "none of the 2 files could be read" in err
    assert "bad.yaml:3:1" in err and "missing.yaml" in err and "Traceback" not in err
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_site_s_words_come_from_the_gettext_catalogs():
    from babel.messages.pofile import read_po

    from ptce_kit.i18n import LOCALE_DIR
    from ptce_kit.observatory.words import MESSAGES, words

    with open(LOCALE_DIR / "fr" / "LC_MESSAGES" / "ptce.po", "rb") as f:
        french = read_po(f)
    for key, message in MESSAGES.items():
        entry = french.get(message)
        assert entry is not None and entry.string, key
        assert words("fr")[key] == entry.string and words("en")[key] == message, key
    # sentences, not only labels, are translated (the ids are English)
    assert words("fr")["site_title"].startswith("Observatoire des pôles")
