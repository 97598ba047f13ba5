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
import re
import sys

# Rendered by cookiecutter: the answers as JSON (Jinja's tojson escapes quotes).
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')
# The rest of this file is not rendered by cookiecutter (it writes braces of its own).
# {% raw %}
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
                problems.append(f"{key} : la réponse contient « {{{{ », « {{% », « {{# » ou leur fermeture, que le "
                                "modèle de projet lirait comme des instructions : retirez ces accolades.")
                break
            found = LINE_BREAKING.search(text)
            if found:
                problems.append(f"{key} : la réponse contient un retour à la ligne, un séparateur de ligne ou un "
                                f"caractère de contrôle (U+{ord(found.group()):04X}) : tapez-la sur une seule ligne.")
                break
    return problems
# {% endraw %}


def safety_problems(answers):
    """Without ptce-kit: refuse only identifiers that would escape the output folder."""
    problems = []
    unnamed = not str(answers.get("pole_name", "")).strip()
    if unnamed:  # the one answer without a default: say so, rather than that its identifier is empty
        problems.append("pole_name : la réponse est vide : donnez le nom du pôle, par exemple "
                        "pole_name=\"Pôle des Coopérations du Val\".")
    for key in ("__slug", "__pivot_id"):
        value = str(answers.get(key, ""))
        if not value.strip() and (key == "__pivot_id" or unnamed):
            continue  # no pivot structure yet (or no name): no identifier either
        if not value.strip() or "/" in value or "\\" in value or ".." in value or value.startswith("."):
            problems.append(
                f"{key} : « {value} » ne peut pas servir d'identifiant (il devient un nom de dossier) : "
                "tapez des lettres minuscules sans accents, des chiffres et des tirets."
            )
    return problems


def main():
    try:
        from ptce_kit.scaffold import check_answers
    except Exception:  # noqa: BLE001 - ptce-kit missing or broken: fall back, say so
        problems = safety_problems(ANSWERS)
        print(
            "ptce-kit n'est pas installé : les réponses n'ont pas toutes été vérifiées. "
            "Installez-le (python -m pip install ptce-kit) puis lancez « ptce validate pole.yaml ».",
            file=sys.stderr,
        )
    else:
        problems = [f"{p.path[0]} : {p.message}" for p in check_answers(ANSWERS)]
    # ptce-kit already refused these in the answers it checks: keep its message for those.
    seen = {problem.split(" : ", 1)[0] for problem in problems}
    problems += [problem for problem in unsafe_problems(ANSWERS) if problem.split(" : ", 1)[0] not in seen]
    if problems:
        print("Le pôle n'a pas été créé : une réponse ne convient pas.", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("Relancez la commande avec une réponse corrigée.", file=sys.stderr)
        sys.exit(1)


main()
