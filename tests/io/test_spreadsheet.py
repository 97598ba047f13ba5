"""The members' spreadsheet: ``ptce import`` and ``ptce export --to members-csv|members-xlsx``.

Everything runs through the CLI on real files.  The actors and SIRET numbers are
fictitious (synthetic check digits), made for the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from ptce_kit.io import load_pole
from ptce_kit.io.spreadsheet import COLUMNS, blank_model, read_rows

DOCS = Path(__file__).resolve().parents[2] / "docs"

POLE = """\
# A small pole for the import tests.
format: ptce/1
id: demo
name: Pôle Démo
actors:
  - id: alpha
    name: Alpha SCOP   # the founder
    category: ess_enterprise
    siret: '{alpha_siret}'
  - id: beta
    name: Beta
    category: enterprise
partnerships:
  - id: locaux
    actors: [alpha, beta]
    kind: mutualisation
    since: 2015
governance:
  colleges:
    - name: Entreprises
      members: [alpha]
    - name: Collectivités
"""


def synthetic_siret(seed: str, establishment: str = "0001") -> str:
    from stdnum import luhn

    siren = seed + luhn.calc_check_digit(seed)
    return siren + establishment + luhn.calc_check_digit(siren + establishment)


ALPHA = synthetic_siret("12345678")
GAMMA = synthetic_siret("87654321")


@pytest.fixture
def pole_file(tmp_path: Path) -> Path:
    file = tmp_path / "pole.yaml"
    file.write_text(POLE.format(alpha_siret=ALPHA), encoding="utf-8")
    load_pole(file)
    return file


def write_csv(path: Path, rows: list[list[str]], *, sep: str = ";", encoding: str = "cp1252") -> Path:
    text = "\r\n".join(sep.join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def test_french_excel_csv(ptce, tmp_path, pole_file):
    """What Excel writes in France: Windows-1252, ';', French headers and words."""
    sheet = write_csv(tmp_path / "membres.csv", [
        ["Nom", "SIRET", "Catégorie", "Forme juridique", "Commune", "Date d'adhésion", "Collège", "Présence", "ESS"],
        ["Gamma Café", GAMMA, "Entreprise de l'ESS", "SCIC SA", "1053", "01/03/2016", "Entreprises", "permanences", "oui"],
        ["Mairie de Démo", "", "Collectivité territoriale", "", "26281", "2017", "Collectivités", "réunions", "non"],
    ])
    assert b"\xe9" in sheet.read_bytes()  # really Windows-1252
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0, result.stderr
    assert "2 added, 0 updated, 0 unchanged, 0 rejected" in result.stderr
    pole = load_pole(pole_file)
    gamma = pole.actor("gamma-cafe")
    assert (gamma.siret, gamma.category.value, gamma.commune, gamma.joined) == (GAMMA, "ess_enterprise", "01053", "2016-03-01")
    assert gamma.presence.value == "office_hours" and gamma.ess is True and gamma.legal_form == "SCIC SA"
    mairie = pole.actor("mairie-de-demo")
    assert (mairie.category.value, mairie.ess, mairie.joined) == ("local_authority", False, "2017")
    assert pole.college_of("gamma-cafe") == "Entreprises"
    assert pole.college_of("mairie-de-demo") == "Collectivités"
    text = pole_file.read_text(encoding="utf-8")
    assert "    name: Alpha SCOP   # the founder\n" in text  # the file's own lines are kept
    assert text.startswith("# A small pole for the import tests.\n")


def test_english_headers_utf8_bom_commas(ptce, tmp_path, pole_file):
    sheet = tmp_path / "members.csv"
    sheet.write_text('\ufeffName,Category,Status,Roles,Description\r\n'
                     'Delta Lab,research centre,partner,"research, training","Lab, with a comma"\r\n',
                     encoding="utf-8")
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0, result.stderr
    delta = load_pole(pole_file).actor("delta-lab")
    assert (delta.category.value, delta.status.value, delta.roles) == ("research_centre", "partner", ["research", "training"])
    assert delta.description == "Lab, with a comma"


def test_utf16_tab_separated(ptce, tmp_path, pole_file):
    """Excel's "Unicode text": UTF-16 with tabs."""
    sheet = tmp_path / "members.csv"
    sheet.write_bytes("Nom\tCatégorie\r\nÉpsilon\tautre\r\n".encode("utf-16"))
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0, result.stderr
    assert load_pole(pole_file).actor("epsilon").name == "Épsilon"


def test_rows_matched_by_siret_then_id(ptce, tmp_path, pole_file):
    sheet = write_csv(tmp_path / "membres.csv", [
        ["Identifiant", "Nom", "SIRET", "Présence", "Collège"],
        ["", "Alpha (nouveau nom)", ALPHA, "résident", ""],     # by SIRET, without id
        ["beta", "", "", "à distance", "Entreprises"],          # by id
    ], encoding="utf-8")
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0, result.stderr
    assert "0 added, 2 updated" in result.stderr
    assert "row 2: updated alpha (name, presence)" in result.stderr
    pole = load_pole(pole_file)
    assert pole.actor("alpha").name == "Alpha (nouveau nom)" and pole.actor("alpha").presence.value == "resident"
    assert pole.actor("beta").presence.value == "remote"
    assert pole.college_of("beta") == "Entreprises"
    assert pole.college_of("alpha") == "Entreprises"  # an empty cell changes nothing
    assert [a.id for a in pole.actors] == ["alpha", "beta"]


def test_rejections_name_row_and_reason(ptce, tmp_path, pole_file):
    sheet = write_csv(tmp_path / "membres.csv", [
        ["Identifiant", "Nom", "SIRET", "Catégorie", "Date de départ", "Collège"],
        ["", "Gamma", GAMMA, "entreprise", "", ""],                      # 2: fine
        ["", "Mauvais SIRET", "12345678901234", "entreprise", "", ""],  # 3: checksum
        ["", "Sans catégorie", "", "", "", ""],                          # 4: category missing
        ["", "Catégorie inconnue", "", "club", "", ""],                  # 5: unknown category (a foundation is ESS)
        ["alpha", "", synthetic_siret("11111111"), "", "", ""],          # 6: id and SIRET disagree
        ["beta", "", "", "", "2014", ""],                                # 7: left before its tie started
        ["", "Zeta", "", "autre", "", "Recherche"],                      # 8: unknown college
        ["", "Gamma bis", GAMMA, "", "", ""],                            # 9: the same actor as row 2
        ["", "Beta", "", "entreprise", "", ""],                          # 10: a name already there
    ], encoding="utf-8")
    before = pole_file.read_text(encoding="utf-8")
    result = ptce("import", sheet, "--into", pole_file, "--dry-run")
    assert result.returncode == 1  # some rows were rejected
    err = result.stderr
    assert "1 added, 0 updated, 0 unchanged, 8 rejected" in err
    assert "row 3: rejected: SIRET:" in err and "Luhn" in err
    assert "row 4: rejected: Catégorie: empty" in err
    assert "row 5: rejected: Catégorie: 'club'" in err  # with the accepted words, French or English
    assert "row 6: rejected: SIRET: the actor 'alpha' has the SIRET" in err
    assert "row 7: rejected: partnerships[0].since" in err
    assert "row 8: rejected: Collège: there is no college named 'Recherche'" in err
    assert "row 9: rejected: row 2 already imports the actor 'gamma'" in err
    assert "row 10: rejected: Nom: an actor named 'Beta' already exists" in err
    assert "Traceback" not in err
    assert "+  - id: gamma\n" in result.stdout  # the diff of what would be imported
    assert pole_file.read_text(encoding="utf-8") == before


def test_dry_run_writes_nothing(ptce, tmp_path, pole_file):
    sheet = write_csv(tmp_path / "m.csv", [["Nom", "Catégorie"], ["Gamma", "entreprise"]])
    before = pole_file.read_bytes()
    result = ptce("import", sheet, "--into", pole_file, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("--- pole.yaml\n+++ pole.yaml (changed)\n")
    assert "+  - id: gamma\n+    name: Gamma\n+    category: enterprise\n" in result.stdout
    assert pole_file.read_bytes() == before


def test_ignored_columns_are_reported(ptce, tmp_path, pole_file):
    sheet = write_csv(tmp_path / "m.csv", [["Nom", "Catégorie", "Notes internes"], ["Gamma", "entreprise", "x"]])
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0
    assert "column 'Notes internes' ignored" in result.stderr


def test_title_rows_above_the_headers(ptce, tmp_path, pole_file):
    sheet = write_csv(tmp_path / "m.csv", [["Liste des membres 2016"], [""], ["Nom", "Catégorie"], ["Gamma", "autre"]])
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0, result.stderr
    assert "rows 1-2 skipped (above the header row)" in result.stderr
    assert "row 4: added gamma" in result.stderr


def test_contacts_are_imported(ptce, tmp_path, pole_file):
    sheet = write_csv(tmp_path / "m.csv", [["Identifiant", "Contact", "E-mail", "Téléphone"],
                                           ["beta", "Camille Exemple", "camille@example.org", "04 00 00 00 00"]])
    assert ptce("import", sheet, "--into", pole_file).returncode == 0
    contact = load_pole(pole_file).actor("beta").contacts[0]
    assert (contact.name, contact.email, contact.phone) == ("Camille Exemple", "camille@example.org", "04 00 00 00 00")
    bad = write_csv(tmp_path / "bad.csv", [["Identifiant", "E-mail"], ["beta", "not-an-address"]])
    result = ptce("import", bad, "--into", pole_file)
    assert result.returncode == 1 and "row 2: rejected: E-mail:" in result.stderr


def test_xlsx_import_with_numbers_and_dates(ptce, tmp_path, pole_file):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Membres"
    sheet.append(["Nom", "SIRET", "Catégorie", "Commune", "Date d'adhésion"])
    sheet.append(["Gamma", int(GAMMA), "entreprise", 1053, dt.datetime(2016, 3, 1)])
    book.save(tmp_path / "membres.xlsx")
    result = ptce("import", tmp_path / "membres.xlsx", "--into", pole_file)
    assert result.returncode == 0, result.stderr
    gamma = load_pole(pole_file).actor("gamma")
    assert (gamma.siret, gamma.commune, gamma.joined) == (GAMMA, "01053", "2016-03-01")


def test_export_import_round_trip(ptce, tmp_path, pole_sud_path):
    pole = tmp_path / "pole.yaml"
    shutil.copy(pole_sud_path, pole)
    for fmt, name, options in (("members-csv", "m.csv", ["--sep", ";"]), ("members-xlsx", "m.xlsx", [])):
        out = tmp_path / name
        result = ptce("export", pole, "--to", fmt, "-o", out, *options)
        assert result.returncode == 0, result.stderr
        result = ptce("import", out, "--into", pole)
        assert result.returncode == 0, result.stderr
        assert "0 added, 0 updated, 18 unchanged, 0 rejected" in result.stderr
    assert pole.read_bytes() == pole_sud_path.read_bytes()


def test_export_layout_and_personal_data(ptce, tmp_path, pole_file):
    sheet = write_csv(tmp_path / "m.csv", [["Identifiant", "Contact", "E-mail"], ["beta", "Camille Exemple", "c@example.org"]])
    assert ptce("import", sheet, "--into", pole_file).returncode == 0
    out = tmp_path / "out.csv"
    assert ptce("export", pole_file, "--to", "members-csv", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ";".join(c.fr for c in COLUMNS if not c.personal)  # a French pole: ';'
    assert "Camille" not in text and "example.org" not in text
    # The reader's words, not the format's codes (issue 17): the import reads them back; no status
    # given: an empty cell, not « membre ».
    assert "beta;Beta;entreprise;;" in text and "enterprise" not in text
    result = ptce("export", pole_file, "--to", "members-csv", "-o", out, "--include-personal-data")
    assert result.returncode == 0 and "with personal data" in result.stderr
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].endswith("Contact;Fonction du contact;E-mail;Téléphone")
    assert "Camille Exemple;;c@example.org;" in text
    headers, rows, _ = read_rows(out)
    assert headers["contact_email"] == "E-mail" and rows[1] == (3, {**rows[1][1]})


def test_xlsx_export_is_deterministic_and_says_what_it_holds(ptce, tmp_path, pole_sud_path):
    openpyxl = pytest.importorskip("openpyxl")
    digests = []
    for name in ("a.xlsx", "b.xlsx"):
        assert ptce("export", pole_sud_path, "--to", "members-xlsx", "-o", tmp_path / name).returncode == 0
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["Membres", "À propos"]
    assert "Sans données personnelles" in book["À propos"]["A2"].value
    assert [c.value for c in book["Membres"][1]][:3] == ["Identifiant", "Nom", "Catégorie"]


def test_blank_models_match_the_columns():
    for language, name in (("fr", "modele-membres.csv"), ("en", "members-template.csv")):
        assert (DOCS / name).read_bytes() == ("\ufeff" + blank_model(language)).encode("utf-8")
        headers, rows, warnings = read_rows(DOCS / name)
        assert set(headers) == {c.key for c in COLUMNS} and rows == [] and warnings == []


def test_editing_doc_lists_every_column():
    doc = (DOCS / "editing.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| {column.fr} | {column.en} |" in doc, column


# --- broken spreadsheets -------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "expected"), [
    ("empty.csv", b"", "the spreadsheet is empty"),
    ("nothing.csv", b"Foo;Bar\r\n1;2\r\n", "no column names the members"),
    ("twice.csv", b"Nom;Name\r\nA;B\r\n", "are the same field"),
    ("broken.xlsx", b"PK\x03\x04 this is not a zip", "not a readable XLSX file"),
    ("old.xls", b"\xd0\xcf\x11\xe0", ".xls files are not read"),
    ("garbage.csv", bytes(range(256)) * 8, "binary file"),
])
def test_broken_spreadsheets(ptce, tmp_path, pole_file, name, content, expected):
    (tmp_path / name).write_bytes(content)
    before = pole_file.read_bytes()
    result = ptce("import", tmp_path / name, "--into", pole_file)
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert pole_file.read_bytes() == before


def test_xlsx_zip_bomb_is_refused(ptce, tmp_path, pole_file):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as entry:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(260):
            entry.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    result = ptce("import", bomb, "--into", pole_file)
    assert result.returncode == 1 and "zip bomb" in result.stderr


# --- formula-looking text, control characters, keywords ---------------------------------

FORMULA_POLE = """\
format: ptce/1
id: formules
name: Pôle Formules
actors:
  - id: coop
    name: '=Coop'
    category: ess_enterprise
    legal_form: '-2'
    description: '@home'
    contacts:
      - name: '=Coop'
        phone: '+33 6 12 34 56 78'
  - id: quoted
    name: "'=Quoted"
    category: other
  - id: plus
    name: '+1+1'
    category: enterprise
    description: "'t is an apostrophe"
"""


def test_formula_looking_text_survives_export_and_import(ptce, tmp_path):
    """The guard against formulas is taken off again on import: ``=Coop`` and ``+33 …`` come back exactly."""
    pole = tmp_path / "pole.yaml"
    pole.write_text(FORMULA_POLE, encoding="utf-8")
    before = pole.read_bytes()
    for fmt, name, options in (("members-csv", "m.csv", ["--sep", ";"]), ("members-csv", "m2.csv", []),
                               ("members-xlsx", "m.xlsx", [])):
        out = tmp_path / name
        result = ptce("export", pole, "--to", fmt, "-o", out, "--include-personal-data", *options)
        assert result.returncode == 0, result.stderr
        if fmt == "members-csv":
            text = out.read_text(encoding="utf-8-sig")
            assert "'+33 6 12 34 56 78" in text and "'=Coop" in text and "''=Quoted" in text  # guarded
            assert "'t is an apostrophe" in text and "''t is" not in text  # other apostrophes untouched
        result = ptce("import", out, "--into", pole)
        assert result.returncode == 0, result.stderr
        assert "0 added, 0 updated, 3 unchanged, 0 rejected" in result.stderr, (name, result.stderr)
        assert pole.read_bytes() == before
    coop = load_pole(pole).actor("coop")
    assert (coop.name, coop.contacts[0].phone, coop.legal_form) == ("=Coop", "+33 6 12 34 56 78", "-2")


def test_a_guarded_sheet_from_elsewhere_imports_plain_text(ptce, tmp_path, pole_file):
    """A phone typed as '+33… (so that the spreadsheet keeps it text) is imported without the apostrophe."""
    sheet = write_csv(tmp_path / "m.csv", [["Nom", "Catégorie", "Téléphone", "Description"],
                                           ["Gamma", "autre", "'+33 4 75 00 00 00", "'=pas une formule"]])
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0, result.stderr
    gamma = load_pole(pole_file).actor("gamma")
    assert (gamma.contacts[0].phone, gamma.description) == ("+33 4 75 00 00 00", "=pas une formule")


def test_control_characters_are_removed_with_a_warning(ptce, tmp_path, pole_file):
    sheet = tmp_path / "m.csv"
    sheet.write_bytes("Nom;Catégorie;Description;Note\r\n"
                      "Gam\x07ma\x1b;autre;Café\x00 \x0b\x0c\ufffe solidaire;\x07ignored\r\n"
                      "Delta;autre;ok\x7f;\r\n".encode("utf-8"))
    result = ptce("import", sheet, "--into", pole_file)
    assert result.returncode == 0, result.stderr
    assert "1 added" not in result.stderr and "2 added" in result.stderr
    assert "row 2, column 'Nom': control characters removed (U+0007, U+001B)" in result.stderr
    assert ("row 2, column 'Description': control characters removed (U+0000, U+000B, U+000C, U+FFFE)"
            in result.stderr)
    assert "row 3, column 'Description': control characters removed (U+007F)" in result.stderr
    assert "column 'Note'" in result.stderr and "row 2, column 'Note'" not in result.stderr  # ignored column
    pole = load_pole(pole_file)
    assert pole.actor("gamma").name == "Gamma" and pole.actor("gamma").description == "Café  solidaire"
    text = pole_file.read_text(encoding="utf-8")
    assert not any(ord(c) < 32 and c not in "\n" or 0x7F <= ord(c) <= 0x9F or c == "\ufffe" for c in text)


def test_control_characters_in_utf16_and_cp1252(tmp_path):
    for encoding in ("utf-16", "cp1252"):
        sheet = tmp_path / f"m-{encoding}.csv"
        sheet.write_bytes("Nom;Catégorie\r\nÉ\x1bpsilon;autre\r\n".encode(encoding))
        headers, rows, warnings = read_rows(sheet)
        assert rows == [(2, {"name": "Épsilon", "category": "autre"})], encoding
        assert warnings == ["row 2, column 'Nom': control characters removed (U+001B)"], encoding


def test_exporters_refuse_misspelt_keywords(tmp_path, pole_sud):
    """A misspelt keyword used to be dropped silently, and the file written without what was asked."""
    from ptce_kit.io.linked_data import export_jsonld, export_turtle
    from ptce_kit.io.spreadsheet import export_members_csv, export_members_xlsx

    out = tmp_path / "out"
    with pytest.raises(TypeError, match="include_personal_dat"):
        export_members_csv(pole_sud, out, include_personal_dat=True)
    with pytest.raises(TypeError, match="seperator"):
        export_members_csv(pole_sud, out, seperator=";")
    with pytest.raises(TypeError, match="sep"):
        export_members_xlsx(pole_sud, out, sep=";")
    with pytest.raises(TypeError, match="seperator"):
        export_jsonld(pole_sud, out, seperator=";")
    with pytest.raises(TypeError, match="include_personal"):
        export_turtle(pole_sud, out, include_personal=True)
    assert not out.exists()
    export_members_csv(pole_sud, out, include_personal_data=True, sep=";")  # the right words work
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].endswith(";Téléphone")


@pytest.mark.parametrize(("fmt", "option"), [("members-xlsx", ["--sep", ";"]), ("jsonld", ["--sep", ";"]),
                                             ("members-csv", ["--at", "2014"])])
def test_export_options_that_do_not_apply_are_misuse(ptce, tmp_path, pole_sud_path, fmt, option):
    result = ptce("export", pole_sud_path, "--to", fmt, "-o", tmp_path / "out", *option)
    assert result.returncode == 2, result.stderr
    assert f"{option[0]} does not apply to --to {fmt}" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("lang", "words", "codes"), [
    ("fr", ["entreprise de l’ESS", "partenaire", "implanté au pôle"], ["ess_enterprise", "resident", "public_body"]),
    ("en", ["ESS enterprise", "partner", "resident at the site"], ["ess_enterprise", "office_hours", "public_body"]),
])
def test_the_members_sheet_speaks_the_poles_language_and_reads_back(ptce, tmp_path, pole_sud_path, lang, words, codes):
    pole = tmp_path / "pole.yaml"
    text = pole_sud_path.read_text(encoding="utf-8")
    pole.write_text(text.replace("language: fr", f"language: {lang}", 1), encoding="utf-8")
    before = pole.read_bytes()
    out = tmp_path / "m.csv"
    assert ptce("export", pole, "--to", "members-csv", "-o", out).returncode == 0
    sheet = out.read_text(encoding="utf-8-sig")
    assert all(word in sheet for word in words), sheet[:400]
    assert not any(code in sheet for code in codes)
    done = ptce("--lang", "en", "import", out, "--into", pole)
    assert done.returncode == 0 and "0 added, 0 updated, 18 unchanged, 0 rejected" in done.stderr, done.stderr
    assert pole.read_bytes() == before
