"""The editing commands a new pole's README teaches run as written, in the README's own words."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_readme_s_editing_commands_run_as_written(tmp_path, generate, ptce, language):
    project = Path(generate(tmp_path, language=language))
    readme = (project / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    commands = [line for block in blocks for line in block.splitlines()
                if line.startswith(("ptce member add", "ptce partnership add"))]
    assert len(commands) >= 3, readme
    if language == "fr":  # a French founder types the French words, not the format's codes
        assert not re.search(r"--category (ess_enterprise|local_authority)|--status (member|partner)\b", readme)
    for command in commands:
        done = ptce(*shlex.split(command)[1:], cwd=project)
        assert done.returncode == 0, (command, done.stderr)
    assert ptce("validate", "pole.yaml", cwd=project).returncode == 0
