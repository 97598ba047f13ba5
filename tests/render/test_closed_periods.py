"""A tie that ended is told over its period, « de 2013 à mars 2017 », not « depuis 2013, jusqu’en mars 2017 »."""

from __future__ import annotations

import pytest

from ptce_kit.model import Pole
from ptce_kit.render import render_markdown


def _charter(since: str, until: str, lang: str) -> str:
    pole = Pole(id="p", name="Pôle Période", actors=[
        {"id": "a", "name": "Scop A", "category": "ess_enterprise", "status": "member"},
        {"id": "b", "name": "SARL B", "category": "enterprise", "status": "member"}],
        partnerships=[{"id": "t", "actors": ["a", "b"], "kind": "cooperation", "topic": "Filière bois",
                       "since": since, "until": until}])
    return render_markdown(pole, "charter", lang=lang).replace("\xa0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(("since", "until", "said"), [
    ("2013", "2017-03", "de 2013 à mars 2017"),
    ("2013-04", "2017", "d’avril 2013 à 2017"),
    ("2013-03-01", "2017-03-02", "du 1er mars 2013 au 2 mars 2017"),
])
def test_a_closed_period_reads_from_to_in_french(since, until, said):
    charter = _charter(since, until, "fr")
    assert said in charter
    assert "jusqu’" not in charter.split("## Article 3")[1].split("## Article 4")[0]


def test_a_closed_period_reads_from_to_in_english():
    assert "from 2013 to March 2017" in _charter("2013", "2017-03", "en")
