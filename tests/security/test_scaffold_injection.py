"""``ptce new`` and the cookiecutter-ptce template under hostile input (issue 14).

Every payload here would create a marker file if the template rendered it as Jinja; the
tests check that the marker never appears, that nothing is generated and that the user
is told which file, line and key to fix.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "cookiecutter-ptce"
PROJECT = "{{cookiecutter.__slug | ptce_dirname}}"


def payload(marker: Path) -> str:
    """A Jinja expression that runs ``touch MARKER`` when an unsandboxed template renders it."""
    return "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """A fake HOME without ~/.cookiecutterrc, no COOKIECUTTER_CONFIG; hooks see this checkout."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("COOKIECUTTER_CONFIG", raising=False)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return home


def _config_text(home: Path, key: str, value: str) -> str:
    return (f"replay_dir: {home / 'replay'}\ncookiecutters_dir: {home / 'clones'}\n"
            f"default_context:\n  pole_name: Pôle Nord\n  {key}: {json.dumps(value)}\n")


def _assert_refused(result, out: Path, marker: Path, *needles: str) -> None:
    assert result.returncode == 1, result.stderr
    assert not marker.exists(), "the payload ran"
    assert not out.exists(), "something was generated"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


@pytest.mark.parametrize("source", ["--config-file", "COOKIECUTTER_CONFIG", "~/.cookiecutterrc"])
@pytest.mark.parametrize("key", ["__departement_code", "__hidden"])
def test_a_payload_in_the_user_configuration_runs_nothing(tmp_path, ptce, isolated_home, source, key):
    marker = tmp_path / "pwned"
    config = isolated_home / ".cookiecutterrc" if source == "~/.cookiecutterrc" else tmp_path / "config.yaml"
    config.write_text(_config_text(isolated_home, key, payload(marker)), encoding="utf-8")
    args = ["new", "--no-input", "--no-build", "-o", tmp_path / "out"]
    env = {}
    if source == "--config-file":
        args += ["--config-file", config]
    elif source == "COOKIECUTTER_CONFIG":
        env["COOKIECUTTER_CONFIG"] = str(config)
    result = ptce(*args, env=env)
    _assert_refused(result, tmp_path / "out", marker,
                    f"{config}:5: default_context.{key}: '{key}' is a private setting of the template",
                    "which the template would run as code")


def test_unknown_settings_and_keys_of_a_configuration_are_refused(tmp_path, ptce, isolated_home):
    config = tmp_path / "config.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\nreplay_dri: x\ndefault_context:\n  nom_du_pole: Nord\n",
                      encoding="utf-8")
    result = ptce("new", "--no-input", "--config-file", config, "-o", tmp_path / "out")
    _assert_refused(result, tmp_path / "out", tmp_path / "none",
                    f"{config}:2: replay_dri: 'replay_dri' is not a setting of cookiecutter's configuration",
                    f"{config}:4: default_context.nom_du_pole: 'nom_du_pole' is not a question of the template")


def test_a_configuration_with_plain_answers_still_works(tmp_path, ptce, isolated_home):
    (isolated_home / ".cookiecutterrc").write_text(
        f"replay_dir: {isolated_home / 'replay'}\ndefault_context:\n  pole_name: Pôle Nord\n  slug: nord\n",
        encoding="utf-8")
    result = ptce("new", "--no-input", "--no-build", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "nord" / "pole.yaml").read_text(encoding="utf-8").count('name: "Pôle Nord"') == 1
    assert (isolated_home / "replay" / "cookiecutter-ptce.json").is_file()  # the user's replay_dir is kept


def _recorded(**extra: object) -> dict[str, object]:
    return {"pole_name": "Pôle Test", "commune_insee": "26281", "with_examples": False, "__slug": "pole-test",
            "_template": "cookiecutter-ptce", **extra}


@pytest.mark.parametrize(("layout", "extra", "message"), [
    ("replay", {"__departement_code": "PAYLOAD"}, "context: the value of '__departement_code' contains"),
    ("cruft", {"__departement_code": "PAYLOAD"}, "the value of '__departement_code' contains"),
    ("cruft", {"__hidden": "x"}, "'__hidden' is a private setting of the template"),
    ("replay", {"evil": "x"}, "'evil' is not a question of the template"),
])
def test_a_replay_file_is_checked_key_by_key(tmp_path, ptce, layout, extra, message):
    marker = tmp_path / "pwned"
    extra = {k: payload(marker) if v == "PAYLOAD" else v for k, v in extra.items()}
    context = _recorded(**extra)
    data = {"cookiecutter": context} if layout == "replay" else {"template": "x", "context": {"cookiecutter": context}}
    recorded = tmp_path / "answers.json"
    recorded.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = ptce("new", "--replay", recorded, "--no-build", "-o", tmp_path / "out")
    _assert_refused(result, tmp_path / "out", marker, "the recorded answers cannot be used",
                    message.replace("context: ", ""), f"{recorded}:")


@pytest.mark.parametrize("key", ["pole_name", "long_name", "__departement_code", "_extensions"])
def test_a_payload_typed_as_an_answer_runs_nothing(tmp_path, ptce, key):
    # A guard: ptce new already refused these on main; the sandbox is a second wall.
    marker = tmp_path / "pwned"
    result = ptce("new", "--no-input", "--no-build", "-o", tmp_path / "out", f"{key}={payload(marker)}")
    if key.startswith("_"):  # no question of the template: the command line is misused (exit status 2)
        assert result.returncode == 2 and "[PTCE-E601]" in result.stderr, result.stderr
        assert not marker.exists() and not (tmp_path / "out").exists() and "Traceback" not in result.stderr
        return
    _assert_refused(result, tmp_path / "out", marker, "the answers do not allow the pole to be created")


def test_the_template_is_rendered_in_a_sandbox(tmp_path, monkeypatch, isolated_home):
    """Even a payload that got past every check (here, in the template itself) cannot reach Python."""
    import cookiecutter.utils

    from ptce_kit import scaffold
    from ptce_kit.errors import PoleError
    from ptce_kit.scaffold import template as scaffold_template

    marker = tmp_path / "pwned"
    template = tmp_path / "template"
    shutil.copytree(TEMPLATE, template)
    (template / PROJECT / "notes.md").write_text(payload(marker) + "\n", encoding="utf-8")
    monkeypatch.setattr(scaffold_template, "template_dir", lambda: template)  # where every part looks it up
    (isolated_home / ".cookiecutterrc").write_text(f"replay_dir: {isolated_home / 'replay'}\n", encoding="utf-8")
    original = cookiecutter.utils.StrictEnvironment
    with pytest.raises(PoleError) as raised:
        scaffold.new_pole({"pole_name": "Pôle du Val", "with_examples": "non"}, tmp_path / "out", build=False)
    assert "the template tried something the sandbox forbids" in str(raised.value)
    assert not marker.exists()
    assert list((tmp_path / "out").iterdir()) == []  # the half-made folder is removed
    assert cookiecutter.utils.StrictEnvironment is original  # plain cookiecutter is left as it was


# --- The pre-generation hook, for plain cookiecutter and cruft ------------------------------


def _plain_cookiecutter(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None):
    return subprocess.run([sys.executable, "-m", "cookiecutter", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=120)


@pytest.fixture
def without_ptce_kit(tmp_path) -> dict[str, str]:
    """An environment where the hooks and filters cannot import ptce-kit (as for a plain cookiecutter user)."""
    shadow = tmp_path / "shadow"
    (shadow / "ptce_kit").mkdir(parents=True)
    (shadow / "ptce_kit" / "__init__.py").write_text("raise ImportError('ptce-kit is not installed')\n",
                                                     encoding="utf-8")
    return {"PYTHONPATH": str(shadow)}


@pytest.mark.parametrize("with_ptce_kit", [True, False])
@pytest.mark.parametrize(("answer", "message"), [
    ("pole_name={% raw %}{{ 7 * 7 }}{% endraw %}", "que le modèle de projet lirait comme des instructions"),
    ("pole_name=Pôle\u2028evil: key\u2028#", "(U+2028)"),
    ("territory_name=Drôme\x85evil: key", "(U+0085)"),
])
def test_the_hook_refuses_template_syntax_and_line_breaks(tmp_path, without_ptce_kit, with_ptce_kit, answer,
                                                          message):
    env = {"PTCE_LANG": "fr", **({} if with_ptce_kit else without_ptce_kit)}
    result = _plain_cookiecutter(TEMPLATE, "--no-input", "-o", tmp_path / "out", answer, "_build=no", env=env)
    assert result.returncode != 0
    assert "Le pôle n’a pas été créé : une réponse ne convient pas." in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_the_hook_refuses_template_syntax_in_a_replayed_private_setting(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\n", encoding="utf-8")
    env = {"COOKIECUTTER_CONFIG": str(config), "PTCE_LANG": "fr"}
    made = _plain_cookiecutter(TEMPLATE, "--no-input", "-o", tmp_path / "a", "pole_name=Pôle Test", "_build=no",
                               "with_examples=no", env=env)
    assert made.returncode == 0, made.stderr
    replay = tmp_path / "replay" / "cookiecutter-ptce.json"
    data = json.loads(replay.read_text(encoding="utf-8"))
    data["cookiecutter"]["__departement_code"] = "{{ cookiecutter.pole_name }}"
    replay.write_text(json.dumps(data), encoding="utf-8")
    again = _plain_cookiecutter(TEMPLATE, "-o", tmp_path / "b", "--replay-file", replay, env=env)
    assert again.returncode != 0
    assert "__departement_code : la réponse contient « {{ »" in again.stderr
    assert not (tmp_path / "b").exists() or list((tmp_path / "b").iterdir()) == []


# --- Line and paragraph separators (minor: YAML key injection) ------------------------------


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x1b", "\u202e", "\ufeff", "\x7f"])
def test_answers_with_line_separators_or_controls_are_refused(char):
    from ptce_kit.scaffold import check_answer

    with pytest.raises(ValueError, match=rf"control character \(U\+{ord(char):04X}\)") as caught:
        check_answer("pole_name", f"Pôle{char}evil: key")
    assert caught.value.code == "PTCE-E611"
    assert caught.value.message.render("fr").endswith(f"caractère de contrôle (U+{ord(char):04X})")
    assert caught.value.hint.render("fr") == "tapez-la sur une seule ligne, sans ce caractère"


def test_ptce_new_refuses_a_line_separator_and_writes_nothing(tmp_path, ptce):
    result = ptce("new", "--no-input", "--no-build", "-o", tmp_path / "out", "pole_name=Pôle\u2028evil: key\u2028#",
                  env={"PTCE_LANG": "fr"})
    assert result.returncode == 1
    assert "pole_name: la réponse contient un retour à la ligne, un séparateur de ligne" in result.stderr
    assert "[PTCE-E611]" in result.stderr
    assert "(U+2028)" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def _render(out: Path, **answers: str) -> Path:
    """The template's files rendered by the cookiecutter API, without the hooks (no answer is checked)."""
    from cookiecutter.main import cookiecutter

    return Path(cookiecutter(str(TEMPLATE), no_input=True, output_dir=str(out), accept_hooks=False,
                             extra_context={"_build": False, "with_examples": False, **answers}))


@pytest.mark.parametrize("pure", [True, False])
def test_the_template_quotes_values_so_that_no_key_is_added(tmp_path, pure):
    from ruamel.yaml import YAML

    answers = {
        "pole_name": "Pôle\u2028evil: key\u2028#",
        "territory_name": "Drôme\u2029evil2: key",
        "commune_insee": "26281\u0085evil3: key",
        "region_name": "Région\x7f",
    }
    project = _render(tmp_path, **answers)
    data = YAML(typ="safe", pure=pure).load((project / "pole.yaml").read_text(encoding="utf-8"))
    # The template's own keys only (those of an empty answer are left out, as ptce new does).
    assert {"format", "id", "name", "language", "territory"} <= set(data) <= {
        "format", "id", "name", "long_name", "language", "territory", "pivot", "actors", "partnerships",
        "projects", "governance", "indicators", "narrative", "sources"}
    assert data["name"] == answers["pole_name"]
    assert data["territory"]["name"] == answers["territory_name"]
    assert data["territory"]["communes"][0]["code"] == answers["commune_insee"].upper()
    assert data["territory"]["region"]["name"] == answers["region_name"]


def test_the_readme_s_git_command_keeps_the_name_a_name(tmp_path):
    marker = tmp_path / "pwned"
    name = f'Pôle "x" $(touch {marker}) `touch {marker}` \\'
    project = _render(tmp_path / "out", pole_name=name)
    line = next(row for row in (project / "README.md").read_text(encoding="utf-8").splitlines()
                if row.startswith("git commit -m "))
    shown = subprocess.run(["sh", "-c", "printf %s " + line.removeprefix("git commit -m ")], capture_output=True,
                           text=True, cwd=tmp_path, check=True)
    assert shown.stdout == f"Création du pôle {name}"
    assert not marker.exists()


def test_a_line_separator_in_a_configured_default_is_located(tmp_path, ptce, isolated_home):
    config = tmp_path / "config.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\ndefault_context:\n  region_name: \"Drôme\\u2028evil: key\"\n",
                      encoding="utf-8")
    result = ptce("new", "--no-input", "--config-file", config, "-o", tmp_path / "out")
    _assert_refused(result, tmp_path / "out", tmp_path / "none",
                    f"{config}:3: default_context.region_name: the answer holds a line break, "
                    "a line separator or a control character (U+2028) [PTCE-E611]")


@pytest.mark.parametrize("value", [["Pôle"], {"a": "b"}])
def test_a_list_or_mapping_is_not_an_answer(value):
    # A replay or configuration file can hold any JSON or YAML value; str() of it is no name.
    from ptce_kit.scaffold import check_answer

    with pytest.raises(ValueError, match="the answer is a list or a table") as caught:
        check_answer("pole_name", value)
    assert caught.value.code == "PTCE-E611"
