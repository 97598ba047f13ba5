"""Finish the pole's folder: answers, schema, check, documents.

Runs in the new folder.  It never needs the network:

1. ``.cruft.json`` records the answers (cruft's format), so that the folder can be
   remade from a newer template (``ptce new --replay .cruft.json``, or ``cruft``);
2. ``pole.schema.json``, the schema named on the first line of ``pole.yaml``, comes
   from the installed ptce-kit, or else from the ptce-kit checkout the template sits in;
3. with ptce-kit, ``pole.yaml`` is validated (a failure here is a bug of the template,
   and stops the generation) and the documents are built into ``docs/`` when this
   ptce-kit has ``ptce_kit.build()``;
4. without ptce-kit, it says how to install it and what to run next.
"""

import json
import os
import sys
from pathlib import Path

# Rendered by cookiecutter: the answers as JSON (Jinja's tojson escapes quotes).
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')
REMOTE = ("://", "git@", "gh:", "gl:", "bb:")
# The derived identifiers are kept so that a replay makes the same folder and ids.
KEPT_PRIVATE = ("__slug", "__pivot_id")


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


def say(text):
    print(text, file=sys.stderr)


def write(path, text):
    try:
        from ptce_kit.io import atomic_write
    except Exception:  # noqa: BLE001 - without ptce-kit a plain write will do
        Path(path).write_text(text, encoding="utf-8")
    else:
        atomic_write(path, text)


def skipped_paths():
    """What template updates leave alone: the ``[tool.cruft] skip`` list of pyproject.toml.

    That file is the template's one place for the list: ``cruft create`` writes its own
    ``.cruft.json`` without a ``skip`` list, and ``cruft update`` then reads this one.
    """
    try:
        import tomllib

        with open("pyproject.toml", "rb") as handle:
            return list(tomllib.load(handle)["tool"]["cruft"]["skip"])
    except Exception:  # noqa: BLE001 - Python < 3.11 or an edited file: the template's list
        return ["pole.yaml", "docs", ".cruft.json"]


def record_answers():
    """Write .cruft.json: the answers, without machine-specific paths (deterministic)."""
    template = str(ANSWERS.get("_template", ""))
    answers = {k: v for k, v in ANSWERS.items() if not k.startswith("_") or k in KEPT_PRIVATE}
    try:
        import ptce_kit
        version = ptce_kit.__version__
    except Exception:  # noqa: BLE001
        version = None
    answers["_ptce_kit_version"] = version
    remote = template.startswith(REMOTE)
    answers["_template"] = template if remote else "cookiecutter-ptce"
    state = {
        "template": answers["_template"],
        "commit": ANSWERS.get("_commit"),
        "checkout": ANSWERS.get("_checkout"),
        "context": {"cookiecutter": answers},
        "directory": ANSWERS.get("_directory"),
        # Template updates never touch the pole's own data and its built documents.
        "skip": skipped_paths(),
    }
    write(".cruft.json", json.dumps(state, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def write_schema():
    try:
        from ptce_kit.io import schema_text
    except Exception:  # noqa: BLE001
        pass
    else:
        write("pole.schema.json", schema_text())
        return True
    # A ptce-kit checkout: the template folder sits next to schema/pole.schema.json.
    shipped = Path(str(ANSWERS.get("_repo_dir", ""))).parent / "schema" / "pole.schema.json"
    if shipped.is_file():
        write("pole.schema.json", shipped.read_text(encoding="utf-8"))
        return True
    return False


def check_and_build():
    """Validate pole.yaml and build the documents; False when ptce-kit is not importable."""
    try:
        from ptce_kit.errors import PoleError
        from ptce_kit.io import load_pole
    except Exception:  # noqa: BLE001
        return False
    try:
        load_pole("pole.yaml")
    except PoleError as error:
        say(_("The pole.yaml the template made is not valid (a defect of the template, to report to "
              "ptce-kit's authors):"))
        say(str(error))
        sys.exit(1)
    if not ANSWERS.get("_build", True):
        say(_("pole.yaml is valid. Documents not built (as asked): run 'ptce build . -o docs'."))
        return True
    try:
        from ptce_kit import build
    except Exception:  # noqa: BLE001 - an older ptce-kit without 'ptce build'
        say(_("pole.yaml is valid. This version of ptce-kit cannot build the documents yet: update it, "
              "then run 'ptce build . -o docs'."))
        return True
    try:
        build(Path("."), Path("docs"))
    except Exception as exc:  # noqa: BLE001 - keep the folder; say what to do
        say(_("pole.yaml is valid, but building the documents failed ({reason}). Fix it, then run "
              "'ptce build . -o docs' again.").format(reason=exc))
        return True
    say(_("pole.yaml is valid and the documents are in docs/."))
    return True


def main():
    record_answers()
    has_schema = write_schema()
    with_ptce = check_and_build()
    folder = os.path.basename(os.getcwd())
    if not with_ptce:
        say(_("ptce-kit is not installed: pole.yaml was not checked nor the documents built. Install it "
              "(python -m pip install ptce-kit), then, in the pole's folder: 'ptce validate pole.yaml' and "
              "'ptce build . -o docs'."))
        if not has_schema:
            say(_("The schema pole.schema.json is then made by 'ptce schema -o pole.schema.json'."))
    say(_("The pole's folder is ready: {folder}/. Read its README.md for what comes next.").format(folder=folder))


main()
