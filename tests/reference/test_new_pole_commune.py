"""``ptce new``: the commune's code is checked against the COG when it is asked, not after."""

from __future__ import annotations

import pytest

from ptce_kit.scaffold import check_answer


def test_a_postal_code_is_refused_with_the_commune_it_serves():
    with pytest.raises(ValueError) as caught:
        check_answer("commune_insee", "26000")  # Valence's postal code
    assert caught.value.code == "PTCE-E611"
    assert "n’est le code INSEE d’aucune commune" in caught.value.message.render("fr")
    assert "vouliez-vous dire 26362 Valence ?" in caught.value.hint.render("fr")
    assert "did you mean 26362 Valence?" in caught.value.hint.render("en")


def test_real_codes_are_accepted():
    assert check_answer("commune_insee", "26281") == "26281"
    assert check_answer("commune_insee", "2a004") == "2A004"


def test_the_template_is_not_blamed_for_a_postal_code(ptce, tmp_path):
    result = ptce("new", "--no-input", "pole_name=Pôle Test", "commune_insee=26000", "-o", tmp_path)
    assert result.returncode == 1
    assert "26362 Valence" in result.stderr and "[PTCE-E611]" in result.stderr
    assert "defect of the template" not in result.stderr
