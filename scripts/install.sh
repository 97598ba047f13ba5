#!/bin/sh
# Install ptce-kit into a virtual environment, .venv, beside this file's folder.
#
#   sh scripts/install.sh            ptce-kit itself, with its web workspace (ptce serve; the
#                                    'serve' extra): then .venv/bin/ptce, or activate .venv
#   sh scripts/install.sh test       ptce-kit with the extras the test suite needs
#
# Works on a fresh Debian or Ubuntu where `python` does not exist and the system's pip
# refuses to install (PEP 668, "externally-managed-environment"): it only needs python3,
# makes .venv once (installing Debian's python3-venv first when it is missing and apt-get
# can), and reuses it afterwards. PTCE_PYTHON chooses another interpreter.
set -eu
cd "$(dirname "$0")/.."

extras=${1:-}
venv=.venv

say() { printf 'install: %s\n' "$*" >&2; }

# Debian's apt lock may be held for a while (unattended upgrades on a new machine):
# wait for it instead of failing at once.
apt_install() {
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    say "cannot install $* without root: ask your administrator (apt-get install $*)"; return 1
  fi
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

find_python() {
  for candidate in ${PTCE_PYTHON:-} python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

if [ ! -x "$venv/bin/python" ]; then
  python=$(find_python) || {
    say "ptce-kit needs Python 3.11 or newer; none was found (looked for python3 and python)."
    say "On Debian or Ubuntu: apt-get install python3 python3-venv"
    exit 1
  }
  if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
    # Debian splits venv's pip bootstrap into python3-venv (python3.X-venv on some releases).
    rm -rf "$venv"
    if command -v apt-get >/dev/null 2>&1; then
      version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      say "making a virtual environment needs Debian's python3-venv: installing it"
      apt_install "python$version-venv" || apt_install python3-venv
      "$python" -m venv "$venv"
    else
      say "'$python -m venv' failed: install your system's venv package for Python, then run this again"
      exit 1
    fi
  fi
  say "made a virtual environment in $venv (with $python)"
fi

# The workspace (ptce serve) comes with the first install; the test extra includes it too.
spec=".[serve]"
# The tests run this checkout's code; an editable install keeps the two the same.
[ -n "$extras" ] && spec="-e .[$extras]"
# shellcheck disable=SC2086 # spec is one or two words on purpose
"$venv/bin/python" -m pip install -q --disable-pip-version-check $spec
say "ptce-kit is installed in $venv: run .venv/bin/ptce, or activate it with '. .venv/bin/activate'"
