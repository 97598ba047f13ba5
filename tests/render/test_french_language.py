"""The French documents are in French, the English ones in English, and both trees say the same.

Over every generated document (Markdown and HTML) of the Pôle Sud example, of a pole made
by ``ptce new --no-input``, of the fictitious second example (``examples/coteaux_fictif``)
and of the small poles of ``tests/data/documents``:

* French: no common English word, no « 1 …s » plural nor « 0 … » count, and no name
  without the article its data gives it;
* English: no French sentence, once the pole's own texts (which are in the language
  their authors wrote them) are set aside.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.model import Pole
from ptce_kit.render.documents import DOCUMENTS, render_html, render_markdown

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "documents"

#: Common English words that are not French words too (« on », « a », « as », « an », « or »
#: are left out: they are French as well).
ENGLISH_WORDS = frozenset("""
    the and with from which this that these those is are was were has have been of for by not
    yes no since until member members partner partners funder funders same sentence gives given
    period repository shared seeds actor actors project projects tie ties pooling partnership
    partnerships none unknown about within without their its it they other others every there
    here between also but in to at be will would should must can could may more most than
    only one two three first last new each all any who whose what when where why how
""".split())

#: Words a French noun phrase ends with in the singular although they end in -s, -x or -z.
_SINGULAR_IN_S = frozenset("mois fois pays temps bois corps repas cas cours concours prix poids "
                           "discours avis choix taux lieux".split()) - {"lieux"}

#: French words that would only appear in an English document in a French sentence.
FRENCH_WORDS = frozenset("""
    le la les des du et est sont pour avec dans une aux au qui que sur par son ses leur leurs
    préciser membre membres acteurs partenaires depuis
""".split())

#: French terms the English documents use on purpose (legal names without an English equivalent).
FRENCH_TERMS = (
    "pôle territorial de coopération économique", "pôles territoriaux de coopération économique",
    "société coopérative d’intérêt collectif", "groupement d’intérêt économique", "groupement d’employeurs",
)


def _ptce_new_pole(tmp_path_factory) -> Pole:
    """The pole ``ptce new --no-input`` makes, with this checkout (its hooks run in a subprocess)."""
    import os

    from ptce_kit.cli import main as cli_main

    out = tmp_path_factory.mktemp("ptce-new")
    home = tmp_path_factory.mktemp("cookiecutter-home")
    config = home / "config.yaml"
    config.write_text(f"cookiecutters_dir: {home / 'clones'}\nreplay_dir: {home / 'replay'}\n", encoding="utf-8")
    saved = {k: os.environ.get(k) for k in ("COOKIECUTTER_CONFIG", "PYTHONPATH")}
    os.environ["COOKIECUTTER_CONFIG"] = str(config)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved["PYTHONPATH"]]))
    try:
        try:
            status = cli_main(["new", "--no-input", "--no-build", "-o", str(out), "pole_name=Pôle des Coopérations du Val"])
        except SystemExit as exit_info:
            status = exit_info.code
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert status in (0, None)
    (made,) = [p for p in out.iterdir() if (p / "pole.yaml").is_file()]
    return load_pole(made / "pole.yaml")


@pytest.fixture(scope="module")
def poles(tmp_path_factory, pole_sud) -> dict[str, Pole]:
    found = {"pole-sud": pole_sud, "ptce-new": _ptce_new_pole(tmp_path_factory),
             "coteaux-fictif": load_pole(ROOT / "examples" / "coteaux_fictif" / "pole.yaml")}
    for path in sorted(DATA.glob("*.yaml")):
        found[path.stem] = load_pole(path)
    return found


@pytest.fixture(scope="module")
def french(poles) -> dict[str, dict[str, str]]:
    """Every French document of every pole, by pole then document (rendered once for the module)."""
    return {name: _documents(pole, "fr") for name, pole in poles.items()}


@pytest.fixture(scope="module")
def english(poles) -> dict[str, dict[str, str]]:
    return {name: _documents(pole, "en") for name, pole in poles.items()}


def _documents(pole: Pole, lang: str) -> dict[str, str]:
    """Every document of the pole in ``lang``, as Markdown and as HTML, by name; with the
    yearly report of each year the data mentions, when it has dates."""
    from ptce_kit.render.report import data_years, render_report_markdown

    out = {}
    for document in DOCUMENTS:
        for date in (None, "2025-05-01"):
            text = render_markdown(pole, document, lang=lang, date=date)
            out[f"{document}.md ({date})"] = text
            out[f"{document}.html ({date})"] = render_html(text, lang=lang, date=date)
    for year in data_years(pole):
        out[f"report.md ({year})"] = render_report_markdown(pole, year, lang=lang)
    return out


def _readable(text: str, name: str) -> str:
    """What a reader reads: no HTML tags, head, entities, Markdown escapes nor no-break spaces;
    no code either (the data file's field paths, ``actors[].status``, are names of the format)."""
    if name.startswith(tuple(f"{d}.html" for d in DOCUMENTS)):
        text = re.sub(r"<head>.*?</head>", " ", text, flags=re.DOTALL)
        text = re.sub(r"<code>[^<]*</code>", " ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"`[^`\n]+`", " ", text)
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\\", ""))


def _without(text: str, pieces: list[str]) -> str:
    """``text`` less every whole-word occurrence of these pieces (longest first); codes of 1–3 letters stay."""
    pieces = [re.sub(r"[\u00a0\u202f]", " ", p) for p in pieces]
    for piece in sorted({p for p in pieces if len(p) > 3}, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", " ", text)
    return text


def _identifiers(pole: Pole) -> list[str]:
    """Identifiers the registry shows as they are (slugs), and web addresses."""
    ids = [pole.id] + [a.id for a in pole.actors] + [a.website or "" for a in pole.actors]
    return [i for i in ids if i]


def _user_texts(node: object) -> list[str]:
    """Every text of the data (names, descriptions, narrative…): written by the pole, in its own language."""
    if isinstance(node, str):
        # a source in parentheses is written without its final full stop (« (Insee, recensement) »)
        return [node, " ".join(node.split()), node.removesuffix(".")] + \
            [p.strip() for p in re.split(r"\n+|### ", node) if p.strip()]
    if isinstance(node, dict):
        return [t for v in node.values() for t in _user_texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _user_texts(v)]
    return []


#: A word, hyphens and apostrophes inside it included (« Romans-sur-Isère », « aujourd’hui »).
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*")


def _context(text: str, start: int) -> str:
    return text[max(0, start - 60):start + 60].replace("\n", " ")


def test_french_documents_hold_no_english_word(poles, french):
    for pole_name, pole in poles.items():
        for name, text in french[pole_name].items():
            readable = _without(_readable(text, name), _identifiers(pole))
            for match in re.finditer(_WORD, readable):
                word = match.group(0).lower()
                assert word not in ENGLISH_WORDS, f"{pole_name} {name}: {word!r} in «{_context(readable, match.start())}»"


def test_french_documents_count_in_good_french(french):
    for pole_name, documents in french.items():
        for name, text in documents.items():
            readable = _readable(text, name)
            for match in re.finditer(r"(?<![\d,.])\b1 +([a-zà-ÿœ’]+[sxz])\b", readable):
                assert match.group(1) in _SINGULAR_IN_S, \
                    f"{pole_name} {name}: plural after 1 in «{_context(readable, match.start())}»"
            for match in re.finditer(r"(?<![\d,.])\b0 +[a-zà-ÿ]", readable):
                raise AssertionError(f"{pole_name} {name}: « 0 … » instead of « aucun » in "
                                     f"«{_context(readable, match.start())}»")


def _named_with_article(pole: Pole) -> list[tuple[str, str]]:
    things = [pole, pole.territory, *pole.actors, *pole.governance.bodies]
    return [(t.name, t.article) for t in things if t is not None and getattr(t, "article", None)]


#: What a name with an article may follow in a sentence (its article, or a contraction).
_BEFORE_NAME = ("le ", "la ", "l’", "les ", "du ", "des ", "au ", "aux ", "de la ", "à la ", "de l’", "à l’")


def test_french_documents_write_the_article_the_data_gives(poles, french):
    checked = 0
    for pole_name, pole in poles.items():
        named = _named_with_article(pole)
        for name, text in french[pole_name].items():
            if ".md (" not in name:
                continue
            for line in _readable(text, name).splitlines():
                if line.startswith(("|", "#")):
                    continue  # tables and headings hold names as labels
                for thing, article in named:
                    for match in re.finditer(re.escape(thing), line):
                        before = line[:match.start()]
                        if before.endswith("**") or not before.strip():
                            continue  # a bold label, or the name opening a list item
                        checked += 1
                        assert before.lower().endswith(_BEFORE_NAME), \
                            f"{pole_name} {name}: {thing!r} (article {article!r}) without it in «{line[:200]}»"
    assert checked > 50  # the test sees names in running text


def _named_with_their_article(pole: Pole) -> list[str]:
    """Names that carry their own « Le » or « Les » (« Les Coteaux du Diois »), without an article field."""
    things = [pole, pole.territory, *pole.actors, *pole.governance.bodies]
    return [t.name for t in things if t is not None and not getattr(t, "article", None)
            and t.name.startswith(("Le ", "Les "))]


def test_a_name_s_own_article_is_lower_case_inside_a_sentence(poles, french):
    # « Au vu de ses données, les Coteaux du Diois répondent », as « des Coteaux du Diois »:
    # not « , Les Coteaux du Diois répondent ».
    checked = 0
    for pole_name, pole in poles.items():
        for thing in _named_with_their_article(pole):
            article, rest = thing.split(" ", 1)
            inside = re.compile(r"[a-zàâçéèêëîïôûùüÿœ’,:;] " + re.escape(thing))
            for name, text in french[pole_name].items():
                if ".md (" not in name:
                    continue
                for line in _readable(text, name).splitlines():
                    if line.startswith(("|", "#")):
                        continue
                    checked += line.count(rest)
                    found = inside.search(line)
                    assert found is None, f"{pole_name} {name}: «{line[max(0, found.start() - 60):found.end() + 20]}»"
    assert checked > 0  # the fictitious example's pole and territory carry their article


def test_english_documents_hold_no_french_sentence(poles, english):
    for pole_name, pole in poles.items():
        pieces = _user_texts(pole.model_dump(mode="json")) + _identifiers(pole) + list(FRENCH_TERMS)
        for name, text in english[pole_name].items():
            readable = _without(_readable(text, name), pieces)
            for match in re.finditer(_WORD, readable):
                word = match.group(0).lower()
                assert word not in FRENCH_WORDS, f"{pole_name} {name}: {word!r} in «{_context(readable, match.start())}»"


# --- the two trees of templates say the same ------------------------------------------------

_TAG = re.compile(r"{%-?\s*(.*?)\s*-?%}", re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def _skeleton(path: Path) -> list[str]:
    """The template's tags (conditions, loops, includes) with their string literals blanked."""
    text = re.sub(r"{#.*?#}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [_STRING.sub('""', tag).replace("fr/", "LANG/").replace("en/", "LANG/") for tag in _TAG.findall(text)]


def _templates(lang: str) -> list[Path]:
    base = ROOT / "templates" / lang
    return sorted(p for p in base.rglob("*.j2") if p.name != "macros.md.j2")


def test_french_and_english_templates_have_the_same_skeleton():
    french, english = _templates("fr"), _templates("en")
    assert [p.relative_to(ROOT / "templates" / "fr") for p in french] == \
           [p.relative_to(ROOT / "templates" / "en") for p in english]
    for fr, en in zip(french, english):
        assert _skeleton(fr) == _skeleton(en), f"{fr.relative_to(ROOT)} and its English twin differ in their tags"


def test_french_and_english_macros_are_the_same_set():
    def macros(lang: str) -> list[str]:
        text = (ROOT / "templates" / lang / "macros.md.j2").read_text(encoding="utf-8")
        return re.findall(r"{%-?\s*macro\s+(\w+\([^)]*\))", text)

    assert macros("fr") == macros("en")


def test_headings_write_the_pole_with_its_article():
    # « Registre des membres du Comptoir », not « de Comptoir »: headings take the article as sentences do.
    pole = Pole.model_validate({"format": "ptce/1", "id": "comptoir", "name": "Comptoir des coopérations",
                                "article": "le", "actors": [{"id": "a", "name": "A", "category": "ess_enterprise"}]})
    assert render_markdown(pole, "registry", lang="fr").startswith("# Registre des membres du Comptoir des coopérations")
    assert render_markdown(pole, "registry", lang="en").startswith("# Member registry of Comptoir des coopérations")
