"""Tables and measures in the reader's language: compare's rows, analyse's headings, the network's errors, show."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from test_no_other_language import offending

from ptce_kit.comparison import column_label, compare, write_table
from ptce_kit.i18n import use_language
from ptce_kit.io import load_pole
from ptce_kit.network.engines import choose_engine
from ptce_kit.network.measures import actor_measure, analyse
from ptce_kit.synth import synthetic_pole

POLE_SUD = Path(__file__).resolve().parents[2] / "examples" / "pole_sud" / "pole.yaml"


@pytest.fixture(scope="module")
def rows():
    return compare([load_pole(POLE_SUD), synthetic_pole(8, seed=1)], criteria_at="2015")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_compare_names_its_rows_and_verdicts_in_the_readers_words(rows, tmp_path, lang):
    with use_language(lang):
        write_table(rows, tmp_path / "t.md")
    md = (tmp_path / "t.md").read_text(encoding="utf-8")
    names = [line.split(" | ")[0].lstrip("| ") for line in md.splitlines()[2:] if line.startswith("| ")]
    assert len(names) == len(rows[0]) - 1 - sum(c.endswith(("_rank", "_z")) for c in rows[0])
    # No row is named by its key (ess_share, family_research, criteria_state_call…): each has a label.
    assert not [n for n in names if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", n)], names
    assert names == [column_label(c, lang) for c in rows[0] if not c.endswith(("_rank", "_z")) and c != "name"]
    text = md.replace("Pôle Sud", " ").replace("Pôle synthétique 1", " ")
    assert not offending(text, lang), offending(text, lang)
    if lang == "fr":
        assert "| acteurs présents | 17 " in md and "| forme de gouvernance | informel |" in md
        assert "| critères : appels de l’État | non conforme |" in md
    else:
        assert "| actors present | 17 " in md and "| governance form | informal |" in md
    # The CSV keeps the keys, which programs read.
    write_table(rows, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig").startswith("pole,name,territory,governance_form,")


def test_every_column_of_compare_has_a_label_in_both_languages(rows):
    for column in (c for c in rows[0] if not c.endswith(("_rank", "_z"))):
        fr, en = column_label(column, "fr"), column_label(column, "en")
        assert fr != en and "_" not in fr + en, column


def test_analyse_brokerage_z_scores_are_headed_in_french(ptce, pole_sud_path):
    result = ptce("analyse", pole_sud_path, "--null", "shuffle", "--lang", "fr", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    heading = next(line for line in result.stdout.splitlines() if line.startswith("courtier"))
    assert heading.split() == ["courtier", "coord.", "z", "consult.", "z", "repr.", "z", "gard.", "z", "liais.", "z"]
    assert not offending(result.stdout.replace("Pôle Sud", " "), "fr")


def test_a_bad_date_for_the_graph_is_refused_in_french(ptce, pole_sud_path):
    result = ptce("analyse", pole_sud_path, "--at", "2014-13", "--lang", "fr")
    assert result.returncode == 1
    assert "par exemple --at 2014 ou --at 2014-07" in result.stderr
    # The located line names the argument (at) as the API does, and says the data was read from no file.
    assert "  (données en mémoire): at: " in result.stderr and "<input>" not in result.stderr
    assert "  (data in memory): at: " in ptce("analyse", pole_sud_path, "--at", "2014-13", "--lang", "en").stderr
    text = "\n".join(line for line in result.stderr.splitlines() if not line.lstrip().startswith("(données en mémoire): at:"))
    assert not offending(text, "fr"), result.stderr


@pytest.mark.parametrize(("call", "fr"), [
    (lambda: actor_measure(nx.path_graph(3), "nope"),
     "mesure inconnue 'nope' : choisissez parmi"),
    (lambda: choose_engine(nx.path_graph(3), "fast"),
     "engine doit être l’un de networkx, igraph, auto, pas 'fast'"),
    (lambda: analyse(synthetic_pole(8, seed=1), sample=0),
     "sample doit valoir au moins 1, pas 0"),
])
def test_the_network_refuses_a_wrong_argument_in_the_readers_language(call, fr):
    with pytest.raises(ValueError) as raised:
        call()
    # The message is written when shown, in the language of that moment.
    with use_language("fr"):
        assert fr in str(raised.value)
    with use_language("en"):
        assert "choose among" in str(raised.value) or "must be" in str(raised.value)


def test_show_says_how_often_a_body_meets_in_french(ptce, pole_sud_path):
    result = ptce("show", pole_sud_path, "--lang", "fr")
    assert result.returncode == 0, result.stderr
    assert "toutes les 6 semaines" in result.stdout and "every" not in result.stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_says_what_it_wrote_in_one_language(ptce, tmp_path, lang):
    from ptce_kit.exports import export_formats

    for fmt in export_formats():
        target = tmp_path / f"out-{fmt}"
        result = ptce("export", POLE_SUD, "--to", fmt, "-o", target, "--lang", lang)
        assert result.returncode == 0, (fmt, result.stderr)
        assert not offending(result.stderr, lang), (fmt, result.stderr)
    description = re.search(r"<description>(.*?)</description>", (tmp_path / "out-gexf").read_text(encoding="utf-8"))
    assert description and description.group(1) == ("Pôle Sud : graphe des coopérations" if lang == "fr"
                                                     else "Pôle Sud: cooperation graph")
    refused = ptce("export", POLE_SUD, "--to", "gexf", "-o", tmp_path / "none" / "x.gexf", "--lang", lang)
    assert refused.returncode == 1 and "[PTCE-E402]" in refused.stderr
    assert not offending(refused.stderr, lang), refused.stderr


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_synth_refusals_are_in_one_language(ptce, tmp_path, lang):
    (tmp_path / "file.yaml").write_text("x", encoding="utf-8")
    for args in (["-o", tmp_path / "file.yaml", "--poles", "2"], ["-o", tmp_path]):
        result = ptce("synth", *args, "--lang", lang)
        assert result.returncode == 1, result.stderr
        assert not offending(result.stderr, lang), result.stderr
