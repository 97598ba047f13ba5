"""Check the answers before cookiecutter writes any file of the pole's folder.

With ptce-kit importable, every answer goes through ``ptce_kit.scaffold.check_answers``,
the same rules (and French messages) as ``ptce new``.  Without ptce-kit (plain
cookiecutter on a machine where it is not installed) only what keeps the generation safe
is checked here: the pole's identifier becomes a folder name, so it must not contain a
path separator or "..".  The rest is checked by ``ptce validate`` once ptce-kit is
installed.  In both cases, no answer (private settings included) may hold template
syntax (Jinja's opening or closing braces: a replayed answer is not rendered again, but cruft and
later tools may render it) or a character that breaks a line (controls, U+2028, U+2029),
which could add a key to ``pole.yaml``.  On a bad answer this script exits 1: cookiecutter then removes the folder it
had just created, so nothing is left behind.
"""

import json
import os
import re
import sys
from pathlib import Path

# Rendered by cookiecutter: the answers as JSON (Jinja's tojson escapes quotes).
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')
# The rest of this file is not rendered by cookiecutter (it writes braces of its own).
# {% raw %}
def _language():
    """The hooks' language: the one ``ptce new`` passes (``_lang``), else PTCE_LANG, else French.

    A plain ``cookiecutter`` run asks its questions in French (``cookiecutter.json``): its
    hooks answer in French too unless PTCE_LANG says otherwise.
    """
    lang = str(ANSWERS.get("_lang") or os.environ.get("PTCE_LANG") or "fr").strip().lower()[:2]
    return lang if lang in ("fr", "en") else "fr"


def _translator(lang):
    """ptce-kit's catalogs in ``lang``: through ptce-kit, else the compiled catalog beside the template."""
    try:
        from ptce_kit.i18n import gettext, set_language

        set_language(lang)
        return lambda message: gettext(message, lang)
    except Exception:  # noqa: BLE001 - ptce-kit missing or broken: read its catalog, if it is here
        pass
    import gettext as gnu

    repo = Path(str(ANSWERS.get("_repo_dir", "")))
    for locale in (repo.parent / "ptce_kit" / "locale", repo.parent.parent / "locale"):
        catalog = locale / lang / "LC_MESSAGES" / "ptce.mo"
        if catalog.is_file():
            with open(catalog, "rb") as handle:
                return gnu.GNUTranslations(handle).gettext
    return lambda message: message


_ = _translator(_language())


# What cookiecutter itself records beside the answers (paths of this machine).
BOOKKEEPING = ("_template", "_output_dir", "_repo_dir", "_checkout")
TEMPLATE_SYNTAX = re.compile(r"\{[{%#]|[}%#]\}")
LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def strings(value):
    """Every string inside an answer (a list or mapping for some private settings)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def unsafe_problems(answers):
    """Answers that hold template syntax or a character that breaks a line."""
    problems = []
    for key, value in answers.items():
        if key in BOOKKEEPING:
            continue
        for text in strings(value):
            if TEMPLATE_SYNTAX.search(text):
                problems.append(_("{key}: the answer holds '{{{{', '{{%', '{{#' or their closing, which the template "
                                  "would read as instructions: remove these braces.").format(key=key))
                break
            found = LINE_BREAKING.search(text)
            if found:
                problems.append(_("{key}: the answer holds a line break, a line separator or a control character "
                                  "(U+{point}): type it on one line.").format(key=key, point=f"{ord(found.group()):04X}"))
                break
    return problems
# {% endraw %}


def safety_problems(answers):
    """Without ptce-kit: refuse only identifiers that would escape the output folder."""
    problems = []
    unnamed = not str(answers.get("pole_name", "")).strip()
    if unnamed:  # the one answer without a default: say so, rather than that its identifier is empty
        problems.append(_("pole_name: the answer is empty: give the pole's name, e.g. "
                          "pole_name=\"Pôle des Coopérations du Val\"."))
    for key in ("__slug", "__pivot_id"):
        value = str(answers.get(key, ""))
        if not value.strip() and (key == "__pivot_id" or unnamed):
            continue  # no pivot structure yet (or no name): no identifier either
        if not value.strip() or "/" in value or "\\" in value or ".." in value or value.startswith("."):
            problems.append(_("{key}: '{value}' cannot be an identifier (it becomes a folder's name): type "
                              "lower-case letters without accents, digits and hyphens.").format(key=key, value=value))
    return problems


def _said(problem):
    """A problem of ptce-kit's check, with its code and what to type."""
    text = problem.text()
    if problem.code:
        text += f" [{problem.code}]"
    hint = problem.hint_text()
    return f"{text} ({hint})" if hint else text


def _key_of(problem):
    """The answer a problem line is about (the words before its first colon)."""
    return problem.split(":", 1)[0].strip()


def main():
    try:
        from ptce_kit.scaffold import check_answers
    except Exception:  # noqa: BLE001 - ptce-kit missing or broken: fall back, say so
        problems = safety_problems(ANSWERS)
        print(_("ptce-kit is not installed: not every answer was checked. Install it "
                "(python -m pip install ptce-kit), then run 'ptce validate pole.yaml'."), file=sys.stderr)
    else:
        problems = [_("{key}: {message}").format(key=p.path[0], message=_said(p)) for p in check_answers(ANSWERS)]
    # ptce-kit already refused these in the answers it checks: keep its message for those.
    seen = {_key_of(problem) for problem in problems}
    problems += [problem for problem in unsafe_problems(ANSWERS) if _key_of(problem) not in seen]
    if problems:
        print(_("The pole was not created: an answer does not fit."), file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print(_("Run the command again with a corrected answer."), file=sys.stderr)
        sys.exit(1)


main()
