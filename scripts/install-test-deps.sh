#!/bin/sh
# Everything the test suite needs on a fresh Debian or Ubuntu machine: Debian's Chromium
# (the interactive map is tested in a real browser), LibreOffice Writer (the office files are
# opened as a user would) and ptce-kit with its test extras, in
# the virtual environment .venv (see scripts/install.sh). Safe to run again: what is
# already there is not installed twice. Then: .venv/bin/python -m pytest -q
set -eu
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    # Wait for a held apt lock (unattended upgrades on a new machine) instead of failing.
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      chromium fonts-dejavu-core >/dev/null
  else
    echo "install-test-deps: no apt-get here; install Chromium yourself for the browser tests" >&2
  fi
fi

# LibreOffice Writer and poppler's pdftotext: the ODT and DOCX tables are checked by converting
# them to PDF (tests/render/test_office.py; skipped without them). About 220 MB, 15 s here.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends libreoffice-writer poppler-utils >/dev/null
  else
    echo "install-test-deps: no apt-get here; install LibreOffice and pdftotext yourself for the office tests" >&2
  fi
fi

sh scripts/install.sh test
