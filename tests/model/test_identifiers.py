import datetime as dt

import pytest

from ptce_kit.model import (
    check_insee_code,
    check_partial_date,
    check_siren,
    check_siret,
    check_slug,
    earliest,
    latest,
    suggest_slug,
)


@pytest.mark.parametrize("good", ["a", "groupe-archer", "pole_sud", "x1-2"])
def test_slug_accepts(good):
    assert check_slug(good) == good


@pytest.mark.parametrize("bad", ["", "Groupe", "a b", "-a", "a-", "a--b", "../evil", "é", "a/b"])
def test_slug_rejects_with_suggestion(bad):
    with pytest.raises(ValueError, match="not a valid identifier"):
        check_slug(bad)


def test_suggest_slug_is_valid_for_hostile_names():
    for text in ["Pôle d'Économie & Solidarité du Val-d'Oise", "../../etc", "<script>", "  "]:
        assert check_slug(suggest_slug(text))


@pytest.mark.parametrize("good", ["26281", "26057", "2A004", "2B033", "97411"])
def test_insee_accepts(good):
    assert check_insee_code(good) == good


@pytest.mark.parametrize("bad", ["2628", "262811", "2C004", "ABCDE", "26 281"])
def test_insee_rejects(bad):
    with pytest.raises(ValueError, match="INSEE commune code"):
        check_insee_code(bad)


def test_siren_and_siret_luhn():
    # 732 829 320 is the example SIREN of python-stdnum's documentation.
    assert check_siren("732 829 320") == "732829320"
    assert check_siret("73282932000074") == "73282932000074"
    with pytest.raises(ValueError, match="Luhn"):
        check_siren("732829321")
    with pytest.raises(ValueError, match="14 digits"):
        check_siret("7328293200007")
    with pytest.raises(ValueError, match="SIREN"):
        check_siren("abcdefghi")


@pytest.mark.parametrize("good", ["2014", "2014-07", "2014-07-31", "2016-02-29"])
def test_partial_dates(good):
    assert check_partial_date(good) == good


@pytest.mark.parametrize("bad", ["14", "2014-13", "2014-02-30", "2015-02-29", "2014/07/01", "juillet", "0000-01", "2014-00"])
def test_partial_dates_reject(bad):
    with pytest.raises(ValueError, match="not a real date"):
        check_partial_date(bad)


def test_earliest_and_latest_bound_the_period():
    assert earliest("2014") == dt.date(2014, 1, 1)
    assert latest("2014") == dt.date(2014, 12, 31)
    assert latest("2015-02") == dt.date(2015, 2, 28)
    assert earliest("2014-07-31") == latest("2014-07-31") == dt.date(2014, 7, 31)


# The model checks shapes in pydantic-core (Rust regexes); the check_* functions explain a
# refusal.  Both must accept and refuse exactly the same values.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pydantic import TypeAdapter, ValidationError  # noqa: E402

from ptce_kit.model.identifiers import InseeCode, PartialDate, Slug, explain  # noqa: E402

_SHAPES = {
    "id": (Slug, check_slug, st.from_regex(r"[a-zA-Z0-9_\-/é٣ \n]{0,8}", fullmatch=True)),
    "insee": (InseeCode, check_insee_code, st.from_regex(r"[0-9AB٢\n ]{4,6}", fullmatch=True)),
    "date": (PartialDate, check_partial_date,
             st.from_regex(r"[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?\n?", fullmatch=True) | st.text(max_size=12)),
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_model_and_check_functions_agree(shape, data):
    annotation, check, values = _SHAPES[shape]
    value = data.draw(values)
    try:
        check(value)
        python_ok = True
    except ValueError as exc:
        python_ok, message = False, str(exc)
    try:
        TypeAdapter(annotation).validate_python(value)
        model_ok = True
    except ValidationError as exc:
        model_ok = False
        err = exc.errors()[0]
        assert str(explain(err["type"], err["input"])) == message  # the user reads the check's words
    assert model_ok == python_ok, value


@pytest.mark.parametrize("bad", ["a\n", "٢٦٢٨١", "2014\n"])
def test_trailing_newline_and_non_ascii_digits_are_refused(bad):
    for check in (check_slug, check_insee_code, check_partial_date):
        with pytest.raises(ValueError):
            check(bad)


def test_yaml_integers_are_dates_and_numbers_are_not_ids():
    assert TypeAdapter(PartialDate).validate_python(2014) == "2014"
    assert TypeAdapter(PartialDate).validate_python("2016-02-29") == "2016-02-29"  # the Python path
    with pytest.raises(ValidationError):
        TypeAdapter(PartialDate).validate_python("2015-02-29")
    with pytest.raises(ValidationError):
        TypeAdapter(Slug).validate_python(12)


def test_la_poste_establishments_pass_by_their_own_rule():
    # La Poste's SIRETs (SIREN 356 000 000) follow their own check, which Luhn's formula refuses;
    # python-stdnum knows it (issue 18, item 10).
    from stdnum import luhn

    from ptce_kit.model.identifiers import check_siret

    siret = "35600000000015"  # not a real establishment: a number of the form the rule accepts
    assert not luhn.is_valid(siret)
    assert check_siret(siret) == siret
