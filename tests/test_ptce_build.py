"""``ptce build``: every document of Pôle Sud, as a user builds them."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest


def _need_weasyprint() -> None:
    # WeasyPrint raises OSError, not ImportError, when the system's Pango is missing.
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot be loaded: {exc}")

import ptce_kit
from ptce_kit.errors import PoleError

EXPECTED = ["charte.md", "charte.html", "registre.md", "registre.html", "registre.csv",
            "fiche.md", "fiche.html", "carte.png", "carte.svg", "carte.html"]


def test_readme_command_builds_every_document(ptce, pole_sud_path, tmp_path, pole_sud):
    out = tmp_path / "out"
    result = ptce("build", pole_sud_path.parent, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out / name) for name in EXPECTED]
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPECTED)
    data = (out / "registre.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))  # a French pole: French Excel's separator
    assert [r[0] for r in rows[1:]] == [a.id for a in pole_sud.actors]
    assert "toutes les six semaines" in (out / "charte.md").read_text(encoding="utf-8")
    import html5lib
    import lxml.etree

    for name in ("charte.html", "registre.html", "fiche.html"):
        page = (out / name).read_bytes()
        html5lib.HTMLParser(strict=True).parse(page)  # raises on any HTML5 parse error
        lxml.etree.fromstring(page)  # and the page is well-formed XML too
    assert "<title>Pôle Sud : pôle territorial" in (out / "fiche.html").read_text(encoding="utf-8").replace("\xa0", " ")


def test_same_data_gives_the_same_bytes(pole_sud, tmp_path):
    _need_weasyprint()
    formats = ["md", "html", "csv", "pdf", "odt", "docx"]
    first = ptce_kit.build(pole_sud, tmp_path / "a", formats=formats, include_personal_data=True)
    second = ptce_kit.build(pole_sud, tmp_path / "b", formats=formats, include_personal_data=True)
    # charter and fiche in 5 formats; two registries in 6; the map as PNG, SVG and HTML
    assert len(first) == 2 * 5 + 2 * 6 + 3
    for a, b in zip(first, second, strict=True):
        assert a.name == b.name and a.read_bytes() == b.read_bytes(), a.name


@pytest.fixture(scope="module")
def office_build(pole_sud, tmp_path_factory):
    """Pôle Sud built once in the formats that the tests below read back: md, odt, docx, pdf."""
    formats = ["md", "odt", "docx"]
    try:
        _need_weasyprint()
        formats.append("pdf")
    except pytest.skip.Exception:
        pass
    return ptce_kit.build(pole_sud, tmp_path_factory.mktemp("office"), formats=formats)


def _named(written, name):
    return next(p for p in written if p.name == name)


def test_the_date_is_written_only_when_given(pole_sud, office_build, tmp_path):
    # Only the documents carry a date: the maps are not built again.
    dated = ptce_kit.build(pole_sud, tmp_path / "b", formats=["md", "odt"], date="2025-03-14", steps=["documents"])
    charter = _named(dated, "charte.md").read_text(encoding="utf-8")
    assert "le 14 mars 2025" in charter and "le ……………………" in _named(office_build, "charte.md").read_text(encoding="utf-8")
    assert _named(office_build, "charte.odt").read_bytes() != _named(dated, "charte.odt").read_bytes()


def test_office_documents_read_back(pole_sud, office_build):
    import docx
    from odf import opendocument, teletype, text

    written = office_build
    odt = opendocument.load(next(p for p in written if p.name == "fiche.odt"))
    headings = [teletype.extractText(h) for h in odt.getElementsByType(text.H)]
    assert headings[:3] == ["Pôle Sud\u00a0: pôle territorial de coopération économique", "Argumentaire",
                            "Des déséquilibres sociaux et une société qui se fragmente"]
    registry = docx.Document(next(p for p in written if p.name == "registre.docx")).sections[0]
    assert registry.page_width > registry.page_height  # the wide registry is landscape
    assert round(registry.page_width.mm) == 297
    with zipfile.ZipFile(next(p for p in written if p.name == "registre.odt")) as odt_zip:
        styles = odt_zip.read("styles.xml").decode("utf-8")
    assert 'fo:page-width="29.7cm"' in styles and 'style:print-orientation="landscape"' in styles
    word = docx.Document(next(p for p in written if p.name == "charte.docx"))
    assert word.core_properties.title == "Charte de coopération de Pôle Sud"
    body = "\n".join(p.text for p in word.paragraphs)
    assert "toutes les six semaines" in body
    # Pôle Sud's fiche states no member: the signature table names none of its actors.
    signatories = [c.text for c in word.tables[-1].columns[0].cells][1:]
    assert signatories and not set(signatories) & {a.name for a in pole_sud.actors}


def test_pdf_is_a_pdf(office_build):
    _need_weasyprint()
    pypdf = pytest.importorskip("pypdf")
    [path] = [p for p in office_build if p.name == "registre.pdf"]
    page = pypdf.PdfReader(path).pages[0]
    assert page.mediabox.width > page.mediabox.height  # the wide registry prints in landscape
    assert "Registre des membres de Pôle Sud" in page.extract_text()


def test_english_and_semicolons(ptce, pole_sud_path, tmp_path):
    result = ptce("build", pole_sud_path, "-o", tmp_path, "--lang", "en", "--formats", "md,csv", "--sep", ";")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "charter.md", "map.html", "map.png", "map.svg", "profile.md", "registry.csv", "registry.md"]
    header = (tmp_path / "registry.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Id;Name;Category;Family;Status;")


def test_personal_data_only_on_request(ptce, tmp_path):
    pole = tmp_path / "pole.yaml"
    pole.write_text(
        "id: p\nname: P\nactors:\n  - id: a\n    name: Alpha\n    category: enterprise\n"
        "    contacts:\n      - name: Ana Martin\n        email: ana@example.org\n", encoding="utf-8")
    public = ptce("build", pole, "-o", tmp_path / "public")
    assert public.returncode == 0, public.stderr
    assert not any(b"ana@example.org" in p.read_bytes() for p in (tmp_path / "public").iterdir())
    full = ptce("build", pole, "-o", tmp_path / "full", "--include-personal-data")
    assert full.returncode == 0 and "with personal data" in full.stderr
    assert "ana@example.org" in (tmp_path / "full" / "registre-complet.csv").read_text(encoding="utf-8-sig")
    assert "ana@example.org" not in (tmp_path / "full" / "registre.csv").read_text(encoding="utf-8-sig")


def test_user_errors(ptce, pole_sud_path, tmp_path):
    bad_format = ptce("build", pole_sud_path, "-o", tmp_path, "--formats", "md,rtf")
    # A misuse of the command line (click's refusal, exit 2), naming the value and the formats.
    assert bad_format.returncode == 2 and "'rtf'" in bad_format.stderr and "docx" in bad_format.stderr
    bad_date = ptce("build", pole_sud_path, "-o", tmp_path, "--date", "2025-13")
    assert bad_date.returncode == 1 and "--date '2025-13'" in bad_date.stderr
    assert "Traceback" not in bad_date.stderr
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")
    bad_out = ptce("build", pole_sud_path, "-o", a_file / "out")
    assert bad_out.returncode == 1 and "cannot create the output folder" in bad_out.stderr


def test_template_errors_and_misspelt_overrides(ptce, pole_sud_path, tmp_path):
    templates = tmp_path / "tpl" / "fr" / "charter"
    templates.mkdir(parents=True)
    (templates / "governence.md.j2").write_text("x\n", encoding="utf-8")
    (templates / "purpose.md.j2").write_text("## Objet\n\n{{ pole.nmae }}\n", encoding="utf-8")
    result = ptce("build", pole_sud_path, "-o", tmp_path / "out", "--templates", tmp_path / "tpl")
    assert result.returncode == 1
    assert "governence.md.j2 overrides no bundled template (did you mean fr/charter/governance.md.j2?)" in result.stderr
    assert f"{templates / 'purpose.md.j2'}:3" in result.stderr and "nmae" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_is_the_function_whatever_was_imported_first(pole_sud, tmp_path):
    import importlib

    # The steps live in ``ptce_kit.pipeline``; no module is named ``build``, so importing
    # the module never hides the function ``ptce_kit.build``.
    module = importlib.import_module("ptce_kit.pipeline")
    assert ptce_kit.build is module.build
    assert ptce_kit.build(pole_sud, tmp_path / "a", formats=["md"])[0].name == "charte.md"
    assert module.build(pole_sud, tmp_path / "c", formats=["md"], steps=["documents"])[0].name == "charte.md"
    assert [p.name for p in module.build(pole_sud, tmp_path / "d", steps=["maps"])] == [
        "carte.png", "carte.svg", "carte.html"]
    with pytest.raises(PoleError, match="no build step named 'mapz'"):
        module.build(pole_sud, tmp_path / "e", steps=["mapz"])


def test_build_reads_a_folder_or_a_file(pole_sud_path, tmp_path):
    from_file = ptce_kit.build(pole_sud_path, tmp_path / "a", formats=["md"])
    from_dir = ptce_kit.build(Path(pole_sud_path).parent, tmp_path / "b", formats=["md"])
    assert [p.read_bytes() for p in from_file] == [p.read_bytes() for p in from_dir]


def test_readme_main_command_is_ptce_build():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "sh scripts/install.sh && .venv/bin/ptce build examples/pole_sud -o out\n" in readme


def test_importing_the_build_loads_no_heavy_library():
    import subprocess
    import sys

    heavy = ["jinja2", "babel", "markdown_it", "weasyprint", "odf", "docx", "lxml"]
    code = ("import sys, ptce_kit, ptce_kit.pipeline, ptce_kit.render, ptce_kit.cli.build; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_steps_side_by_side_write_the_same_bytes_as_one_after_the_other(pole_sud, tmp_path, monkeypatch):
    monkeypatch.setattr("ptce_kit.parallel.available_jobs", lambda: 2)  # even on a one-core machine
    together = ptce_kit.build(pole_sud, tmp_path / "a", jobs=2)
    alone = ptce_kit.build(pole_sud, tmp_path / "b", jobs=1)
    assert [p.name for p in together] == [p.name for p in alone] == EXPECTED
    for a, b in zip(together, alone, strict=True):
        assert a.parent == tmp_path / "a" and a.read_bytes() == b.read_bytes(), a.name


def test_an_error_in_a_worker_reaches_the_caller_whole(pole_sud, tmp_path, monkeypatch):
    monkeypatch.setattr("ptce_kit.parallel.available_jobs", lambda: 2)
    templates = tmp_path / "tpl" / "fr" / "charter"
    templates.mkdir(parents=True)
    (templates / "purpose.md.j2").write_text("## Objet\n\n{{ pole.nmae }}\n", encoding="utf-8")
    errors = []
    for jobs in (2, 1):
        with pytest.raises(PoleError) as caught:
            ptce_kit.build(pole_sud, tmp_path / f"out{jobs}", templates=tmp_path / "tpl", jobs=jobs)
        errors.append(caught.value)
    # The documents step failed in a worker process: same summary, same located problems.
    assert str(errors[0]) == str(errors[1]) and errors[0].problems == errors[1].problems
    assert errors[0].problems[0].line == 3


def test_pole_errors_survive_pickling():
    import pickle

    error = PoleError.single("no such template", file="t.md.j2", line=3, hint="fix it")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is PoleError and copy.problems == error.problems and str(copy) == str(error)


def test_jobs_must_be_a_positive_number(ptce, pole_sud, pole_sud_path, tmp_path):
    with pytest.raises(PoleError, match="--jobs 0"):
        ptce_kit.build(pole_sud, tmp_path, jobs=0)
    misuse = ptce("build", pole_sud_path, "-o", tmp_path, "--jobs", "0")
    assert misuse.returncode == 2 and "--jobs" in misuse.stderr


def test_odt_lists_are_real_bulleted_lists(pole_sud):
    pytest.importorskip("odf")
    from odf import opendocument, text

    from ptce_kit.render.documents import render_markdown
    from ptce_kit.render.office import markdown_to_odt

    markdown = render_markdown(pole_sud, "charter")
    document = opendocument.load(io.BytesIO(markdown_to_odt(markdown)))
    lists = document.text.getElementsByType(text.List)
    items = [item for lst in lists for item in lst.getElementsByType(text.ListItem)]
    assert len(items) == sum(line.startswith("- ") for line in markdown.splitlines())
    styles = {s.getAttribute("name"): s for s in document.automaticstyles.getElementsByType(text.ListStyle)}
    assert all(lst.getAttribute("stylename") in styles for lst in lists)
    assert styles["Bullets"].getElementsByType(text.ListLevelStyleBullet)[0].getAttribute("bulletchar") == "•"
    assert not any(str(item).startswith("•") for item in items)  # the bullet is the style's, not typed
