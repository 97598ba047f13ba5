"""Fuzzing the SIRENE reader: whatever the extract holds, a located PoleError or records, never a crash or a hang.

Bounded: about 230 examples in all, each under two seconds (hypothesis' deadline), the
whole file well under 30 s.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_kit.errors import PoleError
from ptce_kit.io.sirene import merge_sirene, read_sirene

COLUMNS = [
    "siren", "siret", "nic", "statutDiffusionUniteLegale", "statutDiffusionEtablissement", "denominationUniteLegale",
    "denominationUsuelle1UniteLegale", "enseigne1Etablissement", "nomUniteLegale", "nomUsageUniteLegale",
    "prenomUsuelUniteLegale", "categorieJuridiqueUniteLegale", "economieSocialeSolidaireUniteLegale",
    "activitePrincipaleUniteLegale", "codeCommuneEtablissement", "latitude", "longitude",
    "etatAdministratifEtablissement", "etatAdministratifUniteLegale", "dateDebut",
    # INSEE's stock and historical files, and the company search service's fields.
    "dateFin", "nicSiegeUniteLegale", "etablissementSiege", "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement", "activitePrincipaleNAF25UniteLegale", "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale", "nom_complet", "siege.siret", "complements.est_ess",
]
# Values near the real ones, and hostile ones: control and bidirectional characters, quotes, delimiters,
# numbers that overflow, INSEE's hidden marker, very long cells.
VALUES = st.one_of(
    st.sampled_from(["", "[ND]", "O", "N", "P", "F", "C", "A", "000000018", "00000001800010", "732829320",
                     "35600000000048", "5458", "1000", "9220", "abcd", "26281", "2A004", "45.04", "nan", "inf",
                     "1e999", "-91", "2021-03-31", "2021-02-30", "\x00", "\x1b[2J", "\u202e", "\r\n", '"', ";",
                     ",", "\t", "00010", "true", "700000", "6600000", "88.99B", "W261000123", "NN", "[NON-DIFFUSIBLE]"]),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=400),
)


def _write(data: bytes) -> Path:
    handle = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)
    with handle:
        handle.write(data)
    return Path(handle.name)


def _read(data: bytes) -> None:
    path = _write(data)
    started = time.monotonic()
    try:
        records = read_sirene(path)
    except PoleError as error:
        assert error.problems and all(p.file == str(path) for p in error.problems)
        assert all(p.message for p in error.problems)
    else:
        merge_sirene({"id": "p", "name": "P", "actors": []}, records, source=path.name)
    finally:
        path.unlink()
    assert time.monotonic() - started < 2


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(columns=st.lists(st.sampled_from(COLUMNS) | st.text(max_size=12), min_size=1, max_size=12),
       rows=st.lists(st.lists(VALUES, max_size=14), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_a_structured_extract_never_crashes(columns, rows, delimiter, encoding):
    lines = [delimiter.join(columns)] + [delimiter.join(row) for row in rows]
    _read("\n".join(lines).encode(encoding, errors="replace"))


@settings(max_examples=80, deadline=2000)
@given(st.binary(max_size=2000))
def test_any_bytes_never_crash(data):
    _read(b"siren,siret,denominationUniteLegale\n" + data)
    _read(data)
