"""MkDocs hook: the observatory of synthetic poles, built with the docs, as pages of the site.

``docs/observatory.md`` and ``docs/observatoire.fr.md`` link to a real observatory, not a
screenshot: this hook (``hooks:`` in mkdocs.yml) draws :data:`POLES` synthetic poles with
:func:`ptce_kit.synth.synthetic_poles` (fixed seed), writes them as YAML files, builds their
site with :func:`ptce_kit.observatory.build_site` in French (``observatoire-exemple/``) and
in English (``observatory-example/``), taken at :data:`AT`, and adds every file of both
sites to the documentation's files, so that the pages' links to them are checked by
``mkdocs build --strict`` and the sites are copied into the built documentation.  Each page
of these sites says that the poles are synthetic.  A few seconds per language: a small
number of poles, where the command's documentation shows 160.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

#: How many synthetic poles the docs' example holds, their seed, and the date they are taken at.
POLES = 30
SEED = 21
AT = "2026-06-30"
#: Where each language's site goes in the documentation.
SITES = {"fr": "observatoire-exemple", "en": "observatory-example"}

_kept: list[tempfile.TemporaryDirectory[str]] = []


def build_example(folder: Path) -> dict[str, Path]:
    """Write the synthetic poles under ``folder/poles-synthetiques`` and their sites beside them."""
    from ptce_kit.io import load_pole, save_pole
    from ptce_kit.observatory import build_site
    from ptce_kit.synth import synthetic_poles

    poles = folder / "poles-synthetiques"
    poles.mkdir(parents=True, exist_ok=True)
    for i, pole in enumerate(synthetic_poles(POLES, seed=SEED)):
        save_pole(pole, poles / f"pole-{i + 1:03d}.yaml")
    names = sorted(p.name for p in poles.glob("pole-*.yaml"))
    here = Path.cwd()
    os.chdir(folder)  # the sources page names each file as the reader would: poles-synthetiques/pole-001.yaml
    try:
        for lang, name in SITES.items():
            build_site([Path("poles-synthetiques") / n for n in names], Path(name), load=load_pole, lang=lang, at=AT,
                       jobs=None)
    finally:
        os.chdir(here)
    return {lang: folder / name for lang, name in SITES.items()}


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    work = tempfile.TemporaryDirectory(prefix="ptce-docs-observatory-")
    _kept.append(work)  # removed when the build's process ends
    for lang, site in build_example(Path(work.name)).items():
        for path in sorted(site.rglob("*")):
            if path.is_file() and ".cache" not in path.relative_to(site).parts:
                uri = f"{SITES[lang]}/{path.relative_to(site).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
