"""Field values that pass YAML but break documents and exports: refused, located, with a fix.

Control characters, over-long texts, non-web addresses and absurd numbers used to pass
validation, then broke ``ptce build`` (DOCX), the XML exports (GraphML, GEXF, SVG) or
printed ``Infinity`` and ``NaN``.
"""

from __future__ import annotations

import json

import pytest

from ptce_kit.errors import ValidationProblemError
from ptce_kit.io import load_pole, parse_text, pole_from_data
from ptce_kit.model import Actor

HEAD = "id: demo\nname: Demo\nactors:\n  - id: a\n    name: A\n    category: other\n"


def problems_of(text: str, *, as_json: bool = False):
    with pytest.raises(ValidationProblemError) as caught:
        pole_from_data(parse_text(text, as_json=as_json), file="pole.yaml", text=text)
    return caught.value.problems


CONTROLS = {"BEL": "\\a", "ESC": "\\e", "VT": "\\v", "FF": "\\f", "NUL": "\\0", "U+FFFE": "\\uFFFE",
            "C1 (U+0085)": "\\N", "DEL": "\\x7f", "U+009B": "\\x9b"}


@pytest.mark.parametrize("field", ["name", "description", "legal_form", "provenance"])
@pytest.mark.parametrize("label", sorted(CONTROLS))
def test_control_characters_are_refused_at_their_line_and_field(field, label):
    escape = CONTROLS[label]
    text = HEAD + f'    {field if field != "name" else "legal_form"}: "a{escape}b"\n'
    if field == "name":
        text = HEAD.replace("    name: A\n", f'    name: "a{escape}b"\n')
    where = field
    [problem] = problems_of(text)
    assert problem.path == ("actors", 0, where)
    assert problem.line == (5 if field == "name" else 7)
    assert "U+" in problem.message and "remove it" in problem.message


def test_a_lone_surrogate_from_json_is_refused_at_its_field():
    text = json.dumps({"id": "demo", "name": "Demo", "actors": [
        {"id": "a", "name": "A", "category": "other", "description": "x\ud800y"}]}, indent=1)
    [problem] = problems_of(text, as_json=True)
    assert problem.path == ("actors", 0, "description") and "surrogate" in problem.message
    assert problem.line == 9


def test_line_breaks_and_tabs_are_kept_in_free_text_but_not_in_names():
    fine = HEAD + '    description: "one\\ttwo\\nthree"\n'
    assert pole_from_data(parse_text(fine)).actors[0].description == "one\ttwo\nthree"
    [problem] = problems_of(HEAD.replace("    name: A\n", '    name: "A\\nB"\n'))
    assert problem.path == ("actors", 0, "name") and "one line" in problem.message


def test_a_megabyte_name_is_refused_quickly_with_the_limit():
    [problem] = problems_of(HEAD.replace("    name: A\n", "    name: " + "x" * 1_000_000 + "\n"))
    assert problem.path == ("actors", 0, "name") and problem.line == 5
    assert "too long" in problem.message and "1 000 000 characters" in problem.message and "300" in problem.message


def test_free_text_may_be_long_but_not_unbounded():
    long = "mot " * 10_000
    assert pole_from_data(parse_text(HEAD + f"    description: {long}\n")).actors[0].description == long.strip()
    [problem] = problems_of(HEAD + "    description: " + "x" * 200_000 + "\n")
    assert "too long" in problem.message


@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,<script>", "ftp://example.org",
                                     "www.example.org", "https://", "vbscript:msgbox", "JaVaScRiPt:alert(1)"])
def test_only_http_addresses_are_web_addresses(address):
    [problem] = problems_of(HEAD + f"    website: {json.dumps(address)}\n")
    assert problem.path == ("actors", 0, "website") and problem.line == 7
    assert "https://" in problem.message


@pytest.mark.parametrize("address", ["https://www.groupe-archer.fr", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG"])
def test_http_addresses_are_accepted(address):
    assert Actor(id="a", name="A", category="other", website=address).website == address


@pytest.mark.parametrize(("value", "words"), [(".inf", "not a usable number"), ("-.inf", "not a usable number"),
                                              (".nan", "not a usable number"), ("1e300", "not a sensible figure"),
                                              ("5e-324", "not a sensible figure"), ("-1e16", "not a sensible figure")])
def test_indicator_values_are_finite_and_sensible(value, words):
    text = "id: demo\nname: Demo\nindicators:\n  - name: jobs\n    value: " + value + "\n    source: fiche\n"
    [problem] = problems_of(text)
    assert problem.path == ("indicators", 0, "value") and problem.line == 5 and words in problem.message


def test_json_nan_and_infinity_are_refused():
    text = '{"id": "demo", "name": "Demo",\n "indicators": [{"name": "jobs", "value": NaN, "source": "s"}],\n' \
           ' "partnerships": [], "projects": [{"id": "p", "name": "P", "jobs": Infinity}]}'
    found = {p.path: p for p in problems_of(text, as_json=True)}
    assert set(found) == {("indicators", 0, "value"), ("projects", 0, "jobs")}
    assert found[("indicators", 0, "value")].line == 2


@pytest.mark.parametrize(("place", "value"), [("weight", "5e-324"), ("weight", ".inf"), ("weight", "1e300")])
def test_tie_weights_are_bounded(place, value):
    text = HEAD + "  - {id: b, name: B, category: other}\npartnerships:\n  - id: t\n    actors: [a, b]\n" \
        f"    kind: cooperation\n    {place}: {value}\n"
    [problem] = problems_of(text)
    assert problem.path == ("partnerships", 0, place) and problem.line == 12


def test_a_huge_cadence_is_refused_not_an_internal_error():
    text = "id: demo\nname: Demo\ngovernance:\n  bodies:\n    - name: Board\n      cadence: {every: " + "9" * 400 + "}\n"
    [problem] = problems_of(text)
    assert problem.path == ("governance", "bodies", 0, "cadence", "every") and "out of range" in problem.message


def test_the_cli_names_line_field_and_fix_for_a_control_character(ptce, tmp_path):
    file = tmp_path / "pole.yaml"
    file.write_text(HEAD + '    description: "ring\\a"\n', encoding="utf-8")
    result = ptce("validate", file)
    assert result.returncode == 1
    assert "pole.yaml:7:5: actors[0].description" in result.stderr and "U+0007" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_json_schema_bounds_texts_and_web_addresses():
    from ptce_kit.io import pole_json_schema

    schema = pole_json_schema()
    actor = schema["$defs"]["Actor"]["properties"]
    assert actor["name"]["maxLength"] == 300
    website = actor["website"]["anyOf"][0]
    assert website["maxLength"] == 2000 and website["pattern"].startswith("^[hH][tT][tT][pP]")


def test_pole_sud_still_loads(pole_sud_path):
    assert len(load_pole(pole_sud_path).actors) > 10


def test_an_empty_name_or_source_says_so():
    text = "id: demo\nname: Demo\nindicators:\n  - name: jobs\n    value: 3\n    source: ' '\n"
    [problem] = problems_of(text)
    assert problem.path == ("indicators", 0, "source") and problem.message == "the text is empty"


@pytest.mark.parametrize("field", ["email", "phone", "name", "role"])
def test_contacts_hold_no_control_characters(field):
    contact = {"name": "Ana", "email": "ana@example.org", "phone": "04 75 00 00 00", "role": "directrice"}
    contact[field] = {"email": "ana\u0007@example.org", "phone": "04\u001b75"}.get(field, "A\u0000na")
    text = json.dumps({"id": "demo", "name": "Demo", "actors": [
        {"id": "a", "name": "A", "category": "other", "contacts": [contact]}]})
    [problem] = problems_of(text, as_json=True)
    assert problem.path == ("actors", 0, "contacts", 0, field) and "U+00" in problem.message
