"""Run the code examples of a Markdown page, as a reader would, in order, in one folder.

The rules, so that a page's examples stay true (told to writers in ``docs/writing-docs.md``):

- ``console`` blocks: lines starting with ``$ `` are shell commands, the lines after each
  one its expected output (stdout and stderr together), compared as doctest does with
  ``...`` standing for any text and runs of blank space equal.
- ``sh``, ``bash`` and ``shell`` blocks: every line is a command; it must succeed.
  Installing and test-running commands (``pip install``, ``sh scripts/install.sh``,
  activating ``.venv``, ``pytest``, ``mkdocs``) are not run: the suite itself is their test.
- A command ending with ``# exit N`` must exit with status N (e.g. ``ptce validate`` of a
  broken file, ``# exit 1``).
- ``python`` / ``pycon`` blocks: with ``>>>`` prompts they are doctests, otherwise they are
  executed; all Python blocks of a page share one namespace.
- A block with a title (```` ```yaml title="pole.yaml" ````) is a file: it is written
  into the folder before the blocks after it run.
- An untitled ``yaml`` block holding ``format: ptce/1`` must be a valid pole.
- ``<!-- docs-test: skip (why) -->`` on the line before a block leaves that block out.
- A French page (``*.fr.md``) runs its commands in French (``PTCE_LANG=fr``), an English
  one in English, so that each page shows the output its reader gets.

The folder starts with a copy of ``examples/`` and ``schema/``, so ``ptce validate
examples/pole_sud`` works as it does from the repository's root; ``ptce`` runs this
checkout (``python -m ptce_kit``); so do ``.venv/bin/ptce``, and ``python``, ``python3`` and
``.venv/bin/python`` are the interpreter running the tests, whatever ``PATH`` holds (the suite
need not run in an activated environment).
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
TITLE = re.compile(r"""title=["']([^"']+)["']""")
EXIT = re.compile(r"#\s*exit(?:\s+status)?\s+(\d+)\s*$")
SKIP_MARK = "<!-- docs-test: skip"  # then the reason, then "-->"
NOT_RUN = re.compile(
    r"^\s*(((\.venv/bin/)?python3?\s+-m\s+)?(pip|pipx|pytest)\b|(\.venv/bin/)?mkdocs\b"
    r"|sh\s+scripts/install[\w-]*\.sh\b|(\.|source)\s+\.venv/bin/activate\b)")
MARKER = "@@docs-example-status@@"
SHELLS = {"sh", "bash", "shell", "console"}
PYTHONS = {"python", "py", "pycon", "python3"}


@dataclass
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    title: str | None
    text: str
    skip: bool

    @property
    def where(self) -> str:
        page = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page.name
        return f"{page}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, indented ones (in admonitions, tabs) included."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"].strip()
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not (lines[j].strip().startswith(fence) and lines[j].strip().strip(fence[0]) == ""):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        lang = info.split()[0].lstrip(".{").rstrip("}").lower() if info else ""
        title = TITLE.search(info)
        skip = i > 0 and lines[i - 1].strip().startswith(SKIP_MARK)
        found.append(Block(page, i + 1, lang, title.group(1) if title else None, "\n".join(body) + "\n", skip))
        i = j + 1
    return found


def runnable(page: Path) -> bool:
    """Whether a page has any example this module runs."""
    return any(not b.skip and (b.lang in SHELLS | PYTHONS or b.title or _is_pole(b)) for b in blocks(page))


def _is_pole(block: Block) -> bool:
    return block.lang in {"yaml", "yml"} and re.search(r"(?m)^format:\s*ptce/1\s*$", block.text) is not None


def prepare(folder: Path) -> dict[str, str]:
    """Fill ``folder`` like the repository's root; the environment that runs this checkout."""
    for name in ("examples", "schema"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, folder / name)
    bin_dir = folder / ".bin"
    venv_bin = folder / ".venv" / "bin"  # what the Quick start's commands name
    for where in (bin_dir, venv_bin):
        where.mkdir(parents=True)
        _script(where / "ptce", f'exec "{sys.executable}" -m ptce_kit "$@"')
        for name in ("python", "python3"):
            _script(where / name, f'exec "{sys.executable}" "$@"')
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("PTCE_DEBUG", None)
    env["COLUMNS"] = "100"
    env["NO_COLOR"] = "1"
    # The founders' guide commits its pole to git: give git an identity on machines
    # that have none configured (a fresh CI runner), without overriding a real one.
    for key, value in (("GIT_AUTHOR_NAME", "Doc Example"), ("GIT_AUTHOR_EMAIL", "doc@example.org"),
                       ("GIT_COMMITTER_NAME", "Doc Example"), ("GIT_COMMITTER_EMAIL", "doc@example.org")):
        env.setdefault(key, value)
    return env


def _script(path: Path, line: str) -> None:
    path.write_text(f"#!/bin/sh\n{line}\n", encoding="utf-8")
    path.chmod(0o755)


def _commands(block: Block) -> list[tuple[str, str | None]]:
    """(command, expected output or None) in order; continuation lines joined."""
    out: list[tuple[str, str | None]] = []
    lines = block.text.splitlines()
    if block.lang == "console":
        current: list[str] | None = None
        expected: list[str] = []
        for line in lines:
            if line.startswith("$ "):
                if current is not None:
                    out.append((" ".join(current), "\n".join(expected)))
                current, expected = [line[2:]], []
            elif current is not None and current[-1].endswith("\\") and not expected:
                current[-1] = current[-1][:-1]
                current.append(line)
            elif current is not None:
                expected.append(line)
        if current is not None:
            out.append((" ".join(current), "\n".join(expected)))
        return out
    joined = re.sub(r"\\\n", " ", block.text)
    return [(line, None) for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _drop_not_run(command: str) -> str:
    parts = [p for p in re.split(r"\s*&&\s*", command) if not NOT_RUN.match(p)]
    return " && ".join(parts)


def run_shell(block: Block, folder: Path, env: dict[str, str]) -> list[str]:
    """Run a shell block in one bash (so ``cd`` carries on); the failures, as messages."""
    steps = []
    for command, expected in _commands(block):
        wanted = EXIT.search(command)
        status = int(wanted.group(1)) if wanted else 0
        command = _drop_not_run(EXIT.sub("", command).rstrip())
        if command:
            steps.append((command, expected, status))
    if not steps:
        return []
    script = ["exec 2>&1"]
    for command, _, _ in steps:
        script += [command, f'echo "{MARKER} $?"']
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=300)
    chunks = re.split(rf"(?m)^{re.escape(MARKER)} (\d+)\n", result.stdout)
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    problems = []
    for k, (command, expected, status) in enumerate(steps):
        if 2 * k + 1 >= len(chunks):
            problems.append(f"{block.where}: `{command}` did not finish:\n{result.stdout}")
            break
        output, got = chunks[2 * k], int(chunks[2 * k + 1])
        if got != status:
            problems.append(f"{block.where}: `{command}` exited {got}, expected {status}:\n{output}")
        if expected is not None and not checker.check_output(expected.strip() + "\n", output.strip() + "\n", flags):
            problems.append(f"{block.where}: `{command}` printed\n{output}\nexpected\n{expected}")
    return problems


def run_python(block: Block, namespace: dict[str, object]) -> list[str]:
    """Run a Python block (doctest when it has prompts) in the page's namespace."""
    if ">>>" in block.text:
        test = doctest.DocTestParser().get_doctest(block.text, namespace, block.where, str(block.page), block.line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        report: list[str] = []
        runner.run(test, out=report.append, clear_globs=False)
        namespace.update(test.globs)  # the DocTest ran on a copy; later blocks see its names
        return [f"{block.where}: doctest failed\n{''.join(report)}"] if runner.failures else []
    try:
        exec(compile(block.text, block.where, "exec"), namespace)  # noqa: S102 - the page's own example
    except Exception as exc:  # noqa: BLE001 - reported as the example's failure
        return [f"{block.where}: {type(exc).__name__}: {exc}"]
    return []


def check_pole(block: Block) -> list[str]:
    from ptce_kit.errors import PoleError
    from ptce_kit.io import parse_text, pole_from_data

    try:
        pole_from_data(parse_text(block.text, file=block.where), file=block.where, text=block.text)
    except PoleError as error:
        return [f"{block.where}: not a valid pole: {error}"]
    return []


def run_page(page: Path, folder: Path) -> list[str]:
    """Run every example of ``page`` in ``folder``; the list of failures (empty: all good)."""
    env = prepare(folder)
    # A French page shows what a French reader sees: its commands answer in French.
    env["PTCE_LANG"] = "fr" if page.name.endswith(".fr.md") else "en"
    namespace: dict[str, object] = {"__name__": "__docs__"}
    problems: list[str] = []
    old_cwd, old_path = os.getcwd(), list(sys.path)
    os.chdir(folder)
    try:
        for block in blocks(page):
            if block.skip:
                continue
            if block.title:
                target = folder / block.title
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(block.text, encoding="utf-8")
            elif _is_pole(block):
                problems += check_pole(block)
            elif block.lang in SHELLS:
                problems += run_shell(block, folder, env)
            elif block.lang in PYTHONS:
                problems += run_python(block, namespace)
    finally:
        os.chdir(old_cwd)
        sys.path[:] = old_path
    return problems
