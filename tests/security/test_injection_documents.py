"""Markdown and HTML injection through the pole's text, in every document and format.

Every free-text field of the model (found by walking the pydantic classes, not listed by
hand) holds a payload that tries raw HTML, a Markdown image that loads a URL, a
``javascript:`` link, emphasis and a Jinja expression.  Each document (the charter with
all its clauses, the registry, the full registry, the fiche), in French and English and
in every output format, must show that payload as text, and the PDF build must not fetch
anything.
"""

from __future__ import annotations

import http.server
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from ptce_kit.model import Pole
from ptce_kit.model.privacy import record_type
from ptce_kit.render import markdown as md
from ptce_kit.render.documents import render_markdown, write_documents

MARK = re.compile(r"qz(\d+)q ", re.IGNORECASE)
#: What every free-text field holds after its marker; PORT is the recording server's.
TAIL = ("<img src=http://127.0.0.1:PORT/img> ![i](http://127.0.0.1:PORT/pic.png) "
        "[l](javascript:alert(1)) **b** <b>x</b> | {{7*7}}")
#: For fields too short for the whole payload (a phone number holds 40 characters).
SHORT_TAIL = "<b>x</b>{{7*7}}"
DANGEROUS = {"img", "a", "b", "strong", "em", "script", "iframe", "object", "embed", "link"}


# --- a local server that records every request ------------------------------------------

#: A 1×1 PNG.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).requests.append(self.path)
        # What is asked gets a real answer: a PNG for images, a stylesheet otherwise.
        image = self.path.endswith(".png")
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if image else "text/css")
        self.end_headers()
        self.wfile.write(PNG if image else b"body::after { content: 'FETCHED' }")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[int, list[str]]]:
    """``(port, requests)``: an HTTP server on 127.0.0.1 and the paths asked of it."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def _need_weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: the system's Pango is missing
        pytest.skip(f"WeasyPrint cannot be loaded: {exc}")


# --- a pole with a payload in every free-text field ------------------------------------

#: A pole that calls for every clause of the charter and every section of the documents.
BASE: dict[str, Any] = {
    "id": "p", "name": "P", "long_name": "L", "description": "D", "founded": "2010",
    "territory": {"name": "T", "communes": [{"code": "26281", "name": "Romans"}],
                  "departement": {"code": "26", "name": "Drôme"}, "region": {"code": "84", "name": "R"},
                  "epci": {"name": "E"}, "provenance": "x",
                  "priority_areas": [{"kind": "QPV", "code": "Q", "name": "N", "provenance": "x"}],
                  "population": {"value": 1, "year": 2020, "source": "s"}},
    "site": {"name": "S", "address": "A", "commune": "26281", "coordinates": {"lat": 45.0, "lon": 5.0},
             "provenance": "x"},
    "pivot": "a",
    "actors": [
        {"id": "a", "name": "A", "category": "ess_enterprise", "ess": True, "legal_form": "SCOP",
         "presence": "resident", "roles": ["pivot"], "joined": "2010", "description": "d",
         "website": "https://example.org", "coordinates": {"lat": 45.0, "lon": 5.0}, "provenance": "x",
         "contacts": [{"name": "N", "role": "R", "email": "n@example.org", "phone": "0102030405",
                       "legal_representative": True}]},
        {"id": "b", "name": "B", "category": "enterprise", "presence": "office_hours", "description": "d"},
        {"id": "c", "name": "C", "category": "local_authority", "presence": "meetings"},
        {"id": "d", "name": "D", "category": "research_centre", "status": "partner", "description": "d"},
        {"id": "e", "name": "E", "category": "ess_enterprise", "status": "prospective", "description": "d"},
        {"id": "f", "name": "F", "category": "ess_enterprise", "joined": "2011", "left": "2015"},
        # The format for real poles: a collective actor, a unit, a subsidiary, a venue and its
        # operator, a merged actor, presences at dated sites, statutes.
        {"id": "g", "name": "G", "category": "other", "collective": {"count": 3, "of": "o"},
         "presences": [{"site": "s1", "presence": "resident", "since": "2012", "provenance": "x"}]},
        {"id": "h", "name": "H", "category": "research_centre", "part_of": "a", "description": "d"},
        {"id": "i", "name": "I", "category": "enterprise", "legal_form_code": "5710", "owners": [{"actor": "a",
         "share": 40}], "statutes": {"purpose": "p", "social_utility": True, "source": "s", "provenance": "x"}},
        {"id": "j", "name": "J", "category": "other", "operator": {"actor": "a", "contract": "lease", "since": "2012",
         "duration": "12 ans", "provenance": "x"}},
        {"id": "k", "name": "K", "category": "ess_enterprise", "joined": "2011", "created": "2005", "ceased": "2016",
         "ceased_how": "merged", "successor": "a"},
    ],
    "sites": [{"id": "s1", "name": "S1", "address": "A", "commune": "26281", "since": "2011", "provenance": "x"}],
    "partnerships": [
        {"id": "t1", "actors": ["a", "b"], "kind": "mutualisation", "topic": "t", "resources": ["premises"],
         "directed": True, "source": "a", "target": "b", "since": "2012", "until": "2020",
         "description": "d", "provenance": "x"},
        {"id": "t2", "actors": ["a", "c"], "kind": "cooperation", "topic": "t"},
        {"id": "t3", "actors": ["a", "d"], "kind": "partnership", "topic": "t"},
    ],
    "projects": [{"id": "pr", "name": "N", "description": "d", "actors": ["a", "b"], "status": "active",
                  "start": "2013", "jobs": 3, "provenance": "x"}],
    "governance": {
        "form": "scic", "decision_rule": "consensus",
        "form_history": [{"form": "association", "since": "2008", "until": "2012", "source": "s"},
                         {"form": "scic", "since": "2012", "source": "s"}],
        "associate_categories": [{"name": "N", "kind": "employees", "count": 2, "capital_share": 30,
                                  "provenance": "x"}],
        "statutes": {"purpose": "p", "collective_interest": True, "source": "s", "provenance": "x"},
        "legal_acts": [{"kind": "lease", "description": "d", "parties": ["a", "b"], "since": "2012",
                        "provenance": "x"}],
        "bodies": [{"name": "B", "members": "all", "cadence": {"every": 6, "unit": "week"},
                    "format": "f", "role": "r", "provenance": "x"},
                   {"name": "B2", "members": ["a", "b"], "format": "f", "role": "r"}],
        "colleges": [{"name": "C1", "members": ["a"], "weight": 40}, {"name": "C2", "members": ["b"], "weight": 60}],
        "facilitation": {"by": "a", "description": "d", "amount": "m", "provenance": "x"},
        "decisions": [{"date": "2014-07", "title": "t", "body": "B", "description": "d"}],
        "provenance": "x",
    },
    "indicators": [{"name": "n", "value": 12.5, "unit": "u", "approximate": True, "period": "p", "year": 2014,
                    "actor": "a", "source": "s"}],
    "support": [{"funder": {"name": "F", "kind": "region"}, "to": "a", "amount": {"value": 10.0},
                 "programme": "p", "call": "c", "since": "2014", "outcome": "laureate", "source": "s",
                 "description": "d", "provenance": "x"}],
    "labels": [{"kind": "other", "name": "n", "holder": "a", "source": "s", "provenance": "x"}],
    "events": [{"date": "2013", "kind": "gift", "from": "b", "to": "a", "description": "d", "source": "s",
                "provenance": "x"}],
    "variants": [{"field": "founded", "values": [{"value": "2009", "source": "s"}, {"value": "2010", "source": "t"}],
                  "reason": "r", "provenance": "x"}],
    "narrative": {},
    "sources": ["s"],
    "privacy": {"personal_fields": []},
}


def _accepts(info: Any, sample: Any) -> bool:
    """Whether a field takes ``sample`` and keeps it as it is (free text, not an id or a code)."""
    from typing import Annotated

    try:
        adapter = TypeAdapter(Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)
        return adapter.validate_python(sample) == sample
    except (ValidationError, TypeError, ValueError):
        return False


def free_text_fields(cls: type[BaseModel] = Pole, seen: set[type] | None = None) -> Iterator[tuple[type, str, bool]]:
    """``(record class, field, is_list)`` for every free-text field reachable from ``cls``."""
    seen = set() if seen is None else seen
    if cls in seen:
        return
    seen.add(cls)
    for name, info in cls.model_fields.items():
        inner = record_type(info.annotation)
        if inner is not None:
            yield from free_text_fields(inner, seen)
        elif _accepts(info, "qz0q x <b>"):
            yield cls, name, False
        elif _accepts(info, ["qz0q x <b>"]):
            yield cls, name, True


def _fill(cls: type[BaseModel], data: dict[str, Any], path: tuple[Any, ...], free: set[tuple[type, str]],
          lists: set[tuple[type, str]], filled: dict[tuple[Any, ...], tuple[type, str]], port: int) -> None:
    for name, info in cls.model_fields.items():
        inner = record_type(info.annotation)
        value = data.get(name)
        if inner is not None:
            for i, item in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(item, dict):
                    _fill(inner, item, (*path, name, i) if isinstance(value, list) else (*path, name),
                          free, lists, filled, port)
        elif (cls, name) in free:
            number = len(filled) + 1
            text = f"qz{number}q {TAIL.replace('PORT', str(port))}"
            data[name] = [text] if (cls, name) in lists else text
            filled[(*path, name)] = (cls, name)


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    if value is None:
        del data[path[-1]]
    else:
        data[path[-1]] = value


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` of nested dicts and lists, or ``None`` when there is none."""
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def payload_pole(port: int = 9, lang: str = "fr", narrative: bool = True) -> tuple[Pole, set[tuple[type, str]]]:
    """The base pole with a payload in every free-text field; and the fields filled.

    A field the model's own rules reject the payload for (a cross-reference, a path)
    keeps its base value.  Without ``narrative`` the narrative stays empty, so that the
    documents write the sections it would fill from the data.
    """
    import copy

    fields = list(free_text_fields())
    free = {(c, n) for c, n, _ in fields}
    lists = {(c, n) for c, n, is_list in fields if is_list}
    base = copy.deepcopy(BASE) | {"language": lang}
    data = copy.deepcopy(base)
    filled: dict[tuple[Any, ...], tuple[type, str]] = {}
    _fill(Pole, data, (), free, lists, filled, port)
    if not narrative:
        data["narrative"] = {}
        filled = {path: field for path, field in filled.items() if path[0] != "narrative"}
    for _ in range(len(filled) + 1):
        try:
            return Pole.model_validate(data), set(filled.values())
        except ValidationError as exc:
            spots = set()
            for error in exc.errors():
                loc = tuple(error["loc"])
                spot = next((p for p in filled if loc[:len(p)] == p), None)
                assert spot is not None, f"the payload pole fails where no payload is: {error}"
                spots.add(spot)
            for spot in spots:
                value = _get(data, spot)
                text = value[0] if isinstance(value, list) else value
                if isinstance(text, str) and len(text) > len(SHORT_TAIL) + 8 and text.startswith("qz"):
                    # A short field (a phone number): the short payload still holds markup.
                    short = f"{text.split(' ', 1)[0]} {SHORT_TAIL}"
                    _set(data, spot, [short] if isinstance(value, list) else short)
                    continue
                _set(data, spot, _get(base, spot))
                del filled[spot]
    raise AssertionError("the payload pole never validates")


def test_every_free_text_field_of_the_model_holds_the_payload():
    # The walk finds the fields from the model: a new text field is covered without a
    # change here, and the base pole must reach it (records, lists of records).
    pole, filled = payload_pole()
    fields = {(c, n) for c, n, _ in free_text_fields()}
    names = {f"{c.__name__}.{n}" for c, n in fields}
    assert {"LegalAct.kind", "Actor.name", "Narrative.why_ptce", "Indicator.source", "Pole.sources",
            "Contact.name", "Decision.body"} <= names
    assert not {"Actor.id", "Actor.siren", "Partnership.since", "Commune.code", "Actor.roles"} & names
    unreached = {f"{c.__name__}.{n}" for c, n in fields - filled}
    # An e-mail address must look like one; Privacy.personal_fields must be field paths; a
    # variant's chosen value must be one of its values (which do hold the payload).
    assert unreached <= {"Contact.email", "Privacy.personal_fields", "Variant.chosen"}, unreached
    assert pole.governance.legal_acts[0].kind.startswith("qz")


# --- checking the outputs --------------------------------------------------------------

def _check_text(text: str, where: str) -> set[int]:
    """Every marker in ``text`` is followed by the whole payload, as text; the markers seen."""
    flat = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))
    seen = set()
    tail = "(?:" + re.sub(r"PORT", r"\\d+", re.escape(TAIL)) + "|" + re.escape(SHORT_TAIL) + ")"
    for found in MARK.finditer(flat):
        assert re.match(tail, flat[found.end():], re.IGNORECASE), (
            f"{where}: the payload of field {found.group(1)} is not shown as text: "
            f"{flat[found.start():found.start() + 160]!r}")
        seen.add(int(found.group(1)))
    return seen


def _check_html(html: str, where: str) -> set[int]:
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        # Templates make names bold: bold is allowed, but only around a marker's whole text.
        if el.tag in ("strong", "em"):
            assert el.text_content().strip() not in ("b", "i"), f"{where}: payload emphasis became <{el.tag}>"
            continue
        assert el.tag not in DANGEROUS, f"{where}: a <{el.tag}> element came from the data"
        for attr, value in el.attrib.items():
            assert "javascript:" not in value.lower() and "127.0.0.1" not in value, (
                f"{where}: {attr}={value!r} came from the data")
    body = tree.find(".//body")
    return _check_text((body if body is not None else tree).text_content(), where)


def _permissive_html(markdown: str) -> str:
    """The Markdown as a renderer with raw HTML on (many forges) shows it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def _odt_text(path: Path) -> str:
    from odf import opendocument, teletype
    from odf.text import H, P

    doc = opendocument.load(path)
    return "\n".join(teletype.extractText(el) for kind in (H, P) for el in doc.getElementsByType(kind))


def _docx_text(path: Path) -> str:
    import docx

    word = docx.Document(path)
    parts = [p.text for p in word.paragraphs]
    parts += [c.text for t in word.tables for row in t.rows for c in row.cells]
    with zipfile.ZipFile(path) as archive:
        assert b"<w:hyperlink" not in archive.read("word/document.xml"), f"{path.name}: a link came from the data"
    return "\n".join(parts)


def _check_pdf(path: Path) -> None:
    """The PDF shows the payloads as text: no image, no link, the literal markup in its text."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(path)
    # The fiche carries one image, the cooperation map the build drew (issue 19); any other
    # image, in any document, would have come from the data.
    # (Pages share their resources: the same image object may be listed on every page.)
    import hashlib

    allowed = 1 if path.name.startswith(("fiche", "profile")) else 0
    images = {hashlib.sha256(image.data).hexdigest() for page in reader.pages for image in page.images}
    assert len(images) == allowed, f"{path.name}: {len(images)} images, {allowed} expected: one came from the data"
    for number, page in enumerate(reader.pages, 1):
        links = [a.get_object() for a in page.get("/Annots") or []]
        assert not [a for a in links if a.get("/Subtype") == "/Link"], f"{path.name}, page {number}: a link"
    flat = re.sub(r"\s", "", "".join(page.extract_text() for page in reader.pages))
    markers = len(re.findall(r"qz\d+q", flat, re.IGNORECASE))
    # Page footers are extracted among the lines: a payload a page break cuts may not read whole.
    shown = flat.count("[l](javascript:alert(1))**b**<b>x</b>|{{7*7}}")
    assert markers and shown >= markers - len(reader.pages), (path.name, markers, shown)
    assert "))b<b>x</b>" not in flat, f"{path.name}: '**b**' of the data became bold"


def _formats() -> list[str]:
    formats = ["md", "html", "csv"]
    for module, fmt in (("odf", "odt"), ("docx", "docx")):
        try:
            __import__(module)
            formats.append(fmt)
        except ImportError:
            pass
    try:
        import weasyprint  # noqa: F401
        formats.append("pdf")
    except (ImportError, OSError):
        pass
    return formats


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_document_and_format_shows_the_payload_as_text(lang, tmp_path, server):
    port, requests = server
    pole, _ = payload_pole(port, lang)
    formats = _formats()
    written = write_documents(pole, tmp_path, lang=lang, formats=formats, include_personal_data=True,
                              date="2024-05-01")
    seen: set[int] = set()
    stems = {p.stem for p in written}
    assert len(stems) == 4  # charter, registry, full registry, fiche
    for path in written:
        where = path.name
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            seen |= _check_html(md.to_html(text), where)
            _check_html(_permissive_html(text), where + " (raw HTML on)")
        elif path.suffix == ".html":
            seen |= _check_html(path.read_text(encoding="utf-8"), where)
        elif path.suffix == ".odt":
            seen |= _check_text(_odt_text(path), where)
        elif path.suffix == ".docx":
            seen |= _check_text(_docx_text(path), where)
        elif path.suffix == ".pdf":
            _check_pdf(path)
    # The documents print most fields: the markers seen are many, among them the
    # legal act's kind that the charter printed raw.
    assert len(seen) > 40, sorted(seen)
    assert requests == [], f"the PDF build fetched {requests}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sections_drawn_from_the_data_show_the_payload_as_text(lang, tmp_path):
    # Without a narrative the fiche and the preamble write the pole's description, the
    # families' names, the bodies and the partners from the data instead.
    pole, _ = payload_pole(9, lang, narrative=False)
    seen: set[int] = set()
    for path in write_documents(pole, tmp_path, lang=lang, formats=["md", "html"]):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            seen |= _check_html(md.to_html(text), path.name)
            _check_html(_permissive_html(text), path.name + " (raw HTML on)")
        else:
            seen |= _check_html(text, path.name)
    description = int(MARK.match(pole.description).group(1))
    assert description in seen


def test_the_charter_clauses_print_the_legal_act_kind_as_text():
    pole, _ = payload_pole()
    charter = render_markdown(pole, "charter")
    kind = pole.governance.legal_acts[0].kind
    number = MARK.match(kind).group(1)
    lines = [line for line in charter.splitlines() if re.search(rf"qz{number}q", line, re.IGNORECASE)]
    assert len(lines) == 2  # the governance clause and the shared means clause
    for line in lines:
        assert int(number) in _check_html(md.to_html(line), "charter")


@pytest.mark.parametrize("source", [
    "{{ act.kind }}", "{{ act.kind|label|capitalize }}", "{{ act.kind|upper|lower }}",
    "{{ [act.kind, act.description]|join(', ') }}", "{{ gov.legal_acts|join(', ', attribute='kind') }}",
    "{% set x %}{{ act.kind }}{% endset %}{{ x }}", "{% macro k(a) %}{{ a.kind }}{% endmacro %}{{ k(act) }}",
    "{{ act.kind|e }}", "{{ act.kind|md ~ act.kind|md }}", "{{ act.kind|replace('q', 'r') }}",
    "{{ act.kind|md ~ act.kind }}", "{{ act.description|md + act.kind }}", "{{ act.kind|replace('q', 'r'|safe) }}",
    "{{ '%s'|safe|format(act.kind) }}", "{% autoescape false %}{{ act.kind }}{% endautoescape %}",
    "{% macro k() %}*{% endmacro %}{{ k() + act.kind }}", "{% set x %}*{% endset %}{{ x + act.kind }}",
    "{% set x %}%s{% endset %}{{ x % act.kind }}", "{% set x %}*{% endset %}{{ x ~ act.kind }}",
])
def test_a_users_template_cannot_print_a_field_unescaped(tmp_path, source):
    (tmp_path / "shared-means.md.j2").write_text(
        "## Article {{ clause.number }}\n\n{% for act in gov.legal_acts %}\n- " + source + "\n{% endfor %}\n",
        encoding="utf-8")
    pole = Pole(id="p", name="P", actors=[{"id": "a", "name": "A", "category": "enterprise"}],
                governance={"legal_acts": [{"kind": "<b>x</b> **y** [l](javascript:z)", "description": "*d*"}]})
    charter = render_markdown(pole, "charter", templates=tmp_path)
    clause = charter.split("## Article 5", 1)[1].split("## Signatures", 1)[0]
    assert "<b>" not in clause and "**y**" not in clause and "[l](" not in clause, clause
    html = md.to_html(clause)
    assert "<strong>y</strong>" not in html and "<a " not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_a_template_marks_literal_markdown_explicitly(tmp_path):
    (tmp_path / "joining.md.j2").write_text("## J\n\n{{ pole.name|safe }} {{ pole.name }}\n", encoding="utf-8")
    charter = render_markdown(Pole(id="p", name="**n**"), "charter", templates=tmp_path)
    assert "\n**n** \\*\\*n\\*\\*\n" in charter


@pytest.mark.parametrize("name", ["tojson", "urlize", "xmlattr", "forceescape"])
def test_html_filters_are_refused_in_markdown_templates(tmp_path, name):
    from ptce_kit.errors import PoleError

    (tmp_path / "joining.md.j2").write_text("{{ pole.name|" + name + " }}\n", encoding="utf-8")
    with pytest.raises(PoleError) as caught:
        render_markdown(Pole(id="p", name="P"), "charter", templates=tmp_path)
    assert "joining.md.j2" in str(caught.value.problems[0].file)


# --- the PDF loads nothing from outside ptce-kit ----------------------------------------

def test_pdf_build_makes_no_request_and_reads_no_file(tmp_path, server):
    _need_weasyprint()
    pypdf = pytest.importorskip("pypdf")
    from ptce_kit.render.pdf import html_to_pdf

    port, requests = server
    secret = tmp_path / "secret.css"
    secret.write_text("body::after { content: 'LEAKED' }", encoding="utf-8")
    url = f"http://127.0.0.1:{port}"
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{url}/style.css">
<link rel="stylesheet" href="{secret.as_uri()}"><link rel="attachment" href="file:///etc/passwd">
<style>@import url("{url}/import.css"); h1 {{ background: url("{url}/bg.png") }}
@font-face {{ font-family: X; src: url("{url}/font.woff") }}</style></head>
<body><h1>Title</h1><img src="{url}/img.png"><img src="file:///etc/passwd">
<object data="{url}/object"></object><embed src="file:///etc/passwd">
<a rel="attachment" href="file:///etc/passwd">passwd</a>
<a rel="attachment" href="{url}/attached">remote</a></body></html>"""
    pdf = html_to_pdf(page)
    assert requests == [], f"the PDF build fetched {requests}"
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Title" in text and "LEAKED" not in text and "FETCHED" not in text
    # rel="attachment" embeds the file it names (compressed, so look for the embedding)
    assert b"/EmbeddedFile" not in pdf and not reader.attachments


def test_pdf_still_loads_data_uris_and_packaged_resources():
    _need_weasyprint()
    from ptce_kit.render.pdf import allowed_url
    from ptce_kit.render.resources import templates_dir

    assert allowed_url("data:image/png;base64,iVBORw0KGgo=")
    assert allowed_url((templates_dir() / "page.html.j2").as_uri())
    assert not allowed_url((templates_dir() / "fr" / ".." / ".." / "pyproject.toml").as_uri())
    assert not allowed_url("file://evil.example/share/x.png")
    assert not allowed_url("https://example.org/x.png")


# --- the interactive map (review: pole text only as escaped JSON and text nodes) ----------

def test_interactive_map_holds_the_payload_as_escaped_data():
    pytest.importorskip("networkx")
    from ptce_kit.render.interactive import interactive_html

    pole, _ = payload_pole()
    page = interactive_html(pole)
    head, rest = page.split('<script type="application/json" id="ptce-data">', 1)
    data, _ = rest.split("</script>", 1)
    assert "<img" not in head and "<b>x" not in head and "qz" in head.lower()  # the title, as text
    assert "<" not in data and ">" not in data and "qz" in data.lower()


# --- the static map: names are text, not mathtext ---------------------------------------

def test_static_map_draws_dollar_names_as_text(tmp_path):
    pytest.importorskip("matplotlib")
    from ptce_kit.render.maps import draw_map

    names = ["$\\undefinedcmd{x}$", "$x^$", "5 $ et 6 $"]
    pole = Pole(id="p", name="$\\frac{a}{", actors=[
        {"id": f"a{i}", "name": name, "category": "enterprise"} for i, name in enumerate(names)],
        partnerships=[{"id": "t", "actors": ["a0", "a1", "a2"], "kind": "cooperation"}])
    svg = draw_map(pole, tmp_path / "carte.svg").read_text(encoding="utf-8")
    for name in names:
        assert name in svg  # drawn as the text itself (labels stay text in SVG)


def test_control_characters_do_not_break_the_xml_formats(tmp_path):
    import lxml.etree

    formats = [f for f in _formats() if f in ("html", "odt", "docx")]
    # The model refuses control characters; a pole built in Python without validation
    # (model_copy does not validate) must still give well-formed documents.
    with pytest.raises(ValidationError):
        Pole(id="p", name="A\x01B\x1bC", actors=[{"id": "a", "name": "X", "category": "enterprise"}])
    clean = Pole(id="p", name="ABC", narrative={"summary": "S"}, actors=[
        {"id": "a", "name": "XY", "category": "enterprise", "description": "d"}])
    actor = clean.actors[0].model_copy(update={"name": "X\x02Y", "description": "d\x0c\x08"})
    pole = clean.model_copy(update={
        "name": "A\x01B\x1bC", "actors": [actor],
        "narrative": clean.narrative.model_copy(update={"summary": "S\x07\ufffe"})})
    written = write_documents(pole, tmp_path, formats=formats)
    for path in written:
        if path.suffix == ".html":
            lxml.etree.fromstring(path.read_bytes())  # well formed XML: no forbidden character
        elif path.suffix in (".odt", ".docx"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".xml"):
                        lxml.etree.fromstring(archive.read(name))
    assert written and "A\ufffdB\ufffdC" in render_markdown(pole, "registry")
