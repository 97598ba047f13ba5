"""Check the answers before cookiecutter writes any file of the pole's folder.

With ptce-kit importable, every answer goes through ``ptce_kit.scaffold.check_answers``,
the same rules (and French messages) as ``ptce new``.  Without ptce-kit (plain
cookiecutter on a machine where it is not installed) only what keeps the generation safe
is checked here: the pole's identifier becomes a folder name, so it must not contain a
path separator or "..".  The rest is checked by ``ptce validate`` once ptce-kit is
installed.  On a bad answer this script exits 1: cookiecutter then removes the folder it
had just created, so nothing is left behind.
"""

import json
import sys

# Rendered by cookiecutter: the answers as JSON (Jinja's tojson escapes quotes).
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')


def safety_problems(answers):
    """Without ptce-kit: refuse only identifiers that would escape the output folder."""
    problems = []
    for key in ("__slug", "__pivot_id"):
        value = str(answers.get(key, ""))
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
    if problems:
        print("Le pôle n'a pas été créé : une réponse ne convient pas.", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("Relancez la commande avec une réponse corrigée.", file=sys.stderr)
        sys.exit(1)


main()
