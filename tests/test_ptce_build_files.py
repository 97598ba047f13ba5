"""``ptce build`` writes files that open well: a French pole's CSV in French Excel's columns,
an English pole's in English ones, both UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

POLE = """\
id: p
name: Pôle Test
language: {lang}
actors:
  - id: coop
    name: "Coop; Bois & Fils"
    category: ess_enterprise
    joined: "2019-03"
  - id: mairie
    name: Mairie de Die
    category: local_authority
"""


def _rows(data: bytes, sep: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))


@pytest.mark.parametrize(("lang", "name", "sep"), [("fr", "registre.csv", ";"), ("en", "registry.csv", ",")])
def test_the_registry_csv_takes_the_separator_of_the_poles_language(ptce, tmp_path, lang, name, sep):
    pole = tmp_path / "pole.yaml"
    pole.write_text(POLE.format(lang=lang), encoding="utf-8")
    result = ptce("build", pole, "-o", tmp_path / "out", "--formats", "csv")
    assert result.returncode == 0, result.stderr
    rows = _rows((tmp_path / "out" / name).read_bytes(), sep)
    # Read with the separator of the language's spreadsheets, every row has every column.
    assert len({len(row) for row in rows}) == 1 and len(rows[0]) >= 15
    assert [row[:2] for row in rows[1:]] == [["coop", "Coop; Bois & Fils"], ["mairie", "Mairie de Die"]]
    assert rows[0][0] == "Id" if lang == "en" else rows[0][1] == "Nom"


def test_sep_still_chooses_the_separator(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text(POLE.format(lang="fr"), encoding="utf-8")
    result = ptce("build", pole, "-o", tmp_path / "out", "--formats", "csv", "--sep", ",")
    assert result.returncode == 0, result.stderr
    rows = _rows((tmp_path / "out" / "registre.csv").read_bytes(), ",")
    assert rows[1][:2] == ["coop", "Coop; Bois & Fils"] and len(rows[1]) == len(rows[0])


def test_the_documents_language_decides_not_the_files(ptce, tmp_path):
    # A French pole built in English: an English spreadsheet's commas.
    pole = tmp_path / "pole.yaml"
    pole.write_text(POLE.format(lang="fr"), encoding="utf-8")
    result = ptce("build", pole, "-o", tmp_path / "out", "--formats", "csv", "--lang", "en")
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "out" / "registry.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Id,Name,Category,")


def test_french_csv_numbers_take_the_decimal_comma():
    from ptce_kit.cells import csv_bytes, csv_separator

    data = csv_bytes([["Nom", "Part"], ["Coop", 0.25]], sep=csv_separator("fr"))
    assert data == "\ufeffNom;Part\r\nCoop;0,25\r\n".encode("utf-8")


# --- the fiche shows the cooperation map ------------------------------------------------------

@pytest.mark.parametrize(("lang", "fiche", "png"), [("fr", "fiche", "carte.png"), ("en", "profile", "map.png")])
def test_the_fiche_shows_the_map_written_beside_it(pole_sud, tmp_path, lang, fiche, png):
    import html5lib

    from ptce_kit.pipeline import build

    written = {p.name for p in build(pole_sud, tmp_path, lang=lang, formats=["md", "html"], jobs=1)}
    assert {f"{fiche}.md", f"{fiche}.html", png} <= written
    markdown = (tmp_path / f"{fiche}.md").read_text(encoding="utf-8")
    assert f"](" + png + ")" in markdown and markdown.count("![") == 1
    page = html5lib.parse((tmp_path / f"{fiche}.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    [image] = page.iter("img")
    # The HTML fiche carries the map itself (sent alone, it still shows it): the bytes of the PNG beside it.
    import base64

    assert image.get("src").startswith("data:image/png;base64,") and "Pôle Sud" in image.get("alt")
    assert base64.b64decode(image.get("src").split(",", 1)[1]) == (tmp_path / png).read_bytes()
    assert (tmp_path / png).read_bytes().startswith(b"\x89PNG")


def test_without_the_maps_the_fiche_points_at_no_missing_file(pole_sud, tmp_path):
    from ptce_kit.pipeline import build

    build(pole_sud, tmp_path, formats=["md", "html"], steps=["documents"], jobs=1)
    assert "![" not in (tmp_path / "fiche.md").read_text(encoding="utf-8")
    assert "<img" not in (tmp_path / "fiche.html").read_text(encoding="utf-8")
    assert not (tmp_path / "carte.png").exists()


def test_the_fiche_pdf_carries_the_map_itself(pole_sud, tmp_path):
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot be loaded: {exc}")
    from pypdf import PdfReader

    from ptce_kit.pipeline import build

    build(pole_sud, tmp_path, formats=["pdf"], steps=["documents"], jobs=1)
    reader = PdfReader(tmp_path / "fiche.pdf")
    images = {image.data for page in reader.pages for image in page.images}
    assert len(images) == 1
    [size] = {image.image.size for page in reader.pages for image in page.images}
    assert size == (1800, 1200)  # the map as carte.png draws it (12 × 8 in at 150 dpi)
    assert not any(page.images for page in PdfReader(tmp_path / "charte.pdf").pages)


DATED = """\
id: d
name: Pôle Daté
actors:
  - {id: a, name: Alpha, category: ess_enterprise, joined: "2019-02"}
  - {id: b, name: Beta, category: local_authority, joined: "2020-06"}
  - {id: c, name: Gamma, category: enterprise, joined: "2019-01", left: "2021-03"}
partnerships:
  - {id: t, actors: [a, b], kind: cooperation, since: "2020-07"}
"""


def test_a_dated_poles_build_is_the_same_bytes_twice_report_included(ptce, tmp_path):
    pytest.importorskip("odf")
    pytest.importorskip("docx")
    pole = tmp_path / "pole.yaml"
    pole.write_text(DATED, encoding="utf-8")
    outs = []
    for name in ("one", "two"):
        result = ptce("build", pole, "-o", tmp_path / name, "--formats", "md,html,csv,odt,docx", "--date", "2024-05")
        assert result.returncode == 0, result.stderr
        outs.append(tmp_path / name)
    names = sorted(p.name for p in outs[0].iterdir())
    assert [n for n in names if n.startswith("rapport")] == [
        f"rapport-activite-2021.{f}" for f in ("docx", "html", "md", "odt")]  # 2021: the data's last year
    assert names == sorted(p.name for p in outs[1].iterdir())
    for name in names:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_a_fiche_template_of_the_poles_own_without_the_map_still_builds(tmp_path):
    """The fiche's page rendered beside the map holds a stand-in for it; a pole's own template
    that shows no map has none, and the page is then rendered as it is."""
    from ptce_kit.pipeline import build

    own = tmp_path / "templates" / "fr"
    own.mkdir(parents=True)
    (own / "fiche.md.j2").write_text("# {{ pole.name }}\n\nSans carte.\n", encoding="utf-8")
    example = Path(__file__).resolve().parents[1] / "examples" / "pole_sud"
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        build(example, out, templates=tmp_path / "templates", jobs=jobs)
        page = (out / "fiche.html").read_text(encoding="utf-8")
        assert "Sans carte." in page and "data:image/png" not in page


def test_a_pole_without_actors_gets_no_empty_map_in_its_fiche(tmp_path):
    from ptce_kit.model import Pole
    from ptce_kit.pipeline import build

    build(Pole(id="neuf", name="Pôle Neuf"), tmp_path / "empty", formats=["md", "html"], jobs=1)
    assert "carte de coopération" not in (tmp_path / "empty" / "fiche.md").read_text("utf-8").lower()
    assert "data:image/png;base64" not in (tmp_path / "empty" / "fiche.html").read_text("utf-8")
    one = Pole(id="un", name="Pôle Un", actors=[{"id": "a", "name": "A", "category": "ess_enterprise"}])
    build(one, tmp_path / "one", formats=["md", "html"], jobs=1)
    assert "data:image/png;base64" in (tmp_path / "one" / "fiche.html").read_text("utf-8")
    assert "## La carte de coopération\n\n![Carte de coopération : Pôle Un](carte.png)" in \
        (tmp_path / "one" / "fiche.md").read_text("utf-8").replace("\u00a0", " ")
