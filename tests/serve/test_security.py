"""The workspace's guards: every request without the token, from a foreign Host or Origin,
without the CSRF token, with ``..`` in its path, or too large, is refused and writes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from serving import BASE, PORT, TOKEN, hidden, make_client



def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def good_form(client, page: str = "/acteurs/nouveau") -> dict[str, str]:
    html = client.get(page).text
    return {"csrf": hidden(html, "csrf"), "hash": hidden(html, "hash"), "name": "Coop Nouvelle",
            "category": "ess_enterprise"}


def test_the_token_is_traded_for_a_strict_http_only_cookie_and_taken_out_of_the_address(pole_file):
    client = make_client(pole_file.parent, login=False)
    response = client.get(f"/acteurs?q=archer&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/acteurs?q=archer"
    cookie = response.headers["set-cookie"]
    assert f"ptce_serve_{PORT}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/acteurs?q=archer").status_code == 200


@pytest.mark.parametrize("path", ["/", "/acteurs", "/acteurs/groupe-archer", "/acteurs/nouveau", "/nowhere"])
def test_a_request_without_the_token_is_refused(pole_file, path):
    client = make_client(pole_file.parent, login=False)
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 403
    assert "Groupe Archer" not in response.text  # no data of the pole in the refusal


def test_a_wrong_token_is_refused_in_the_address_and_in_the_cookie(pole_file):
    client = make_client(pole_file.parent, login=False)
    assert client.get("/?token=" + TOKEN[:-1] + "x", follow_redirects=False).status_code == 403
    client.cookies.set(f"ptce_serve_{PORT}", TOKEN + "x")
    assert client.get("/", follow_redirects=False).status_code == 403


def test_a_post_without_the_cookie_is_refused_even_with_the_token_in_its_address(pole_file):
    before = folder_state(pole_file.parent)
    logged = make_client(pole_file.parent)
    form = good_form(logged)
    client = make_client(pole_file.parent, login=False)
    response = client.post(f"/acteurs/nouveau?token={TOKEN}", data=form, follow_redirects=False)
    assert response.status_code == 403
    assert folder_state(pole_file.parent) == before


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1.nip.io:8765", "127.0.0.1:9999", "localhost",
                                  "attacker.test"])
def test_a_foreign_host_is_refused_even_with_the_token(pole_file, host):
    """DNS rebinding: a site that points its own name at 127.0.0.1 sends its name as Host."""
    client = make_client(pole_file.parent)
    before = folder_state(pole_file.parent)
    form = good_form(client)
    assert client.get("/", headers={"host": host}).status_code == 403
    assert client.get(f"/?token={TOKEN}", headers={"host": host}, follow_redirects=False).status_code == 403
    assert client.post("/acteurs/nouveau", data=form, headers={"host": host}).status_code == 403
    assert folder_state(pole_file.parent) == before


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "http://127.0.0.1:9999"},
    {"origin": "https://127.0.0.1:8765"},
    {"origin": "", "referer": "http://evil.example/page"},
    {"origin": ""},  # neither Origin nor Referer: a change needs one
    {"sec-fetch-site": "cross-site"},
])
def test_a_change_from_another_site_is_refused_and_writes_nothing(pole_file, headers):
    client = make_client(pole_file.parent)
    form = good_form(client)
    before = folder_state(pole_file.parent)
    if headers.get("origin") == "":
        del client.headers["origin"]
        headers = {k: v for k, v in headers.items() if k != "origin"}
    response = client.post("/acteurs/nouveau", data=form, headers=headers, follow_redirects=False)
    assert response.status_code == 403
    assert folder_state(pole_file.parent) == before


def test_a_page_asked_for_by_another_site_is_refused(pole_file):
    client = make_client(pole_file.parent)
    assert client.get("/acteurs", headers={"origin": "http://evil.example"}).status_code == 403
    assert client.get("/acteurs", headers={"sec-fetch-site": "cross-site"}).status_code == 403


def test_the_same_origin_referer_stands_for_a_missing_origin(pole_file):
    client = make_client(pole_file.parent)
    form = good_form(client)
    del client.headers["origin"]
    response = client.post("/acteurs/nouveau", data=form, headers={"referer": f"{BASE}/acteurs/nouveau"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert "Coop Nouvelle" in pole_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("csrf", [None, "", "0" * 64, TOKEN])
@pytest.mark.parametrize("page", ["/acteurs/nouveau", "/acteurs/groupe-archer", "/acteurs/scop-vtd/supprimer",
                                  "/partenariats/nouveau", "/langue"])
def test_a_form_without_its_csrf_token_is_refused_and_writes_nothing(pole_file, csrf, page):
    client = make_client(pole_file.parent)
    form = good_form(client)
    form.update(kind="cooperation", actors="groupe-archer, scop-vtd", cascade="yes", lang="en")
    if csrf is None:
        del form["csrf"]
    else:
        form["csrf"] = csrf
    before = folder_state(pole_file.parent)
    response = client.post(page, data=form, follow_redirects=False)
    assert response.status_code == 403
    assert "ptce_lang" not in response.headers.get("set-cookie", "")
    assert folder_state(pole_file.parent) == before


def test_founding_a_pole_without_the_csrf_token_creates_nothing(empty_folder):
    client = make_client(empty_folder)
    response = client.post("/fonder", data={"pole_name": "Pôle Nord"}, follow_redirects=False)
    assert response.status_code == 403
    assert list(empty_folder.iterdir()) == []


@pytest.mark.parametrize("path", [
    "/acteurs/..%2F..%2Fpole.yaml",
    "/acteurs/%2e%2e/%2e%2e/etc/passwd",
    "/acteurs/%252e%252e%252fetc%252fpasswd",
    "/acteurs/a%5c..%5c..%5cpole.yaml",
    "/documents/..%2f..%2f..%2fetc%2fpasswd",
    "/carte/..%2Fpole.yaml",
    "/%2e%2e/pole.yaml",
    "/acteurs/groupe-archer%00.yaml",
])
def test_a_path_leaving_the_folder_is_refused_on_reading_and_writing(pole_file, path):
    client = make_client(pole_file.parent)
    form = good_form(client)
    before = folder_state(pole_file.parent.parent)
    got = client.get(path)
    assert got.status_code == 400
    assert "root:" not in got.text
    assert client.post(path, data=form).status_code == 400
    assert client.post(path + "/supprimer", data={**form, "cascade": "yes"}).status_code == 400
    assert folder_state(pole_file.parent.parent) == before


@pytest.mark.parametrize("raw", [b"/acteurs/../../../etc/passwd", b"/../pole.yaml", b"/acteurs/..\\..\\x"])
def test_a_literal_dot_dot_path_is_refused_before_any_route(pole_file, raw):
    """HTTP clients tidy ``..`` away before sending; a hostile one need not: the raw path is checked."""
    import anyio

    from ptce_kit.serve.app import create_app

    app = create_app(pole_file.parent, token=TOKEN, port=PORT)
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": raw.decode(), "raw_path": raw, "query_string": b"",
             "headers": [(b"host", f"127.0.0.1:{PORT}".encode()), (b"cookie", f"ptce_serve_{PORT}={TOKEN}".encode())]}
    anyio.run(app, scope, receive, send)
    assert sent[0]["status"] == 400
    assert b"root:" not in b"".join(m.get("body", b"") for m in sent)


def test_an_id_with_dots_names_no_file_only_a_record(pole_file):
    client = make_client(pole_file.parent)
    assert client.get("/acteurs/pole.yaml").status_code == 404
    assert client.get("/fichiers/pole.yaml").status_code == 404


def test_a_founded_pole_cannot_be_put_outside_the_folder(empty_folder):
    client = make_client(empty_folder)
    csrf = hidden(client.get("/").text, "csrf")
    response = client.post("/fonder", data={"csrf": csrf, "pole_name": "Pôle Nord", "slug": "../evil",
                                            "commune_insee": "59350"})
    assert not (empty_folder.parent / "evil").exists()
    assert list(empty_folder.parent.iterdir()) == [empty_folder]
    assert response.status_code in (200, 303, 422)


def test_an_oversized_body_is_refused_by_its_length_and_writes_nothing(pole_file):
    client = make_client(pole_file.parent, max_body=2000)
    form = good_form(client)
    form["description"] = "x" * 5000
    before = folder_state(pole_file.parent)
    response = client.post("/acteurs/nouveau", data=form)
    assert response.status_code == 413
    assert folder_state(pole_file.parent) == before


def test_an_oversized_upload_without_a_length_is_refused_as_it_streams(pole_file):
    client = make_client(pole_file.parent, max_body=2000)
    form = good_form(client)
    before = folder_state(pole_file.parent)

    def chunks():
        body = "&".join(f"{k}={v}" for k, v in form.items()) + "&description=" + "y" * 10_000
        for start in range(0, len(body), 500):
            yield body[start:start + 500].encode()

    response = client.post("/acteurs/nouveau", content=chunks(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert folder_state(pole_file.parent) == before


def test_an_oversized_file_upload_is_refused(pole_file):
    client = make_client(pole_file.parent, max_body=4000)
    form = good_form(client)
    before = folder_state(pole_file.parent)
    response = client.post("/acteurs/nouveau", data=form, files={"upload": ("membres.csv", b"a;b\n" * 5000, "text/csv")})
    assert response.status_code == 413
    assert folder_state(pole_file.parent) == before


def test_every_answer_forbids_framing_sniffing_and_caching(client):
    response = client.get("/")
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "same-origin"
    refused = client.get("/", headers={"host": "evil.example"})
    assert refused.headers["x-frame-options"] == "SAMEORIGIN"


def test_pages_load_nothing_from_the_network(client):
    import re

    for page in ("/", "/acteurs", "/acteurs/nouveau", "/partenariats", "/projets/nouveau"):
        html = client.get(page).text
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html), page


def test_a_remote_host_is_refused_without_allow_remote(ptce, tmp_path):
    result = ptce("serve", str(tmp_path), "--host", "0.0.0.0", "--no-browser")
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_oversized_spreadsheet_upload_to_the_importer_is_refused(pole_file):
    client = make_client(pole_file.parent, max_body=4000)
    csrf = hidden(client.get("/importer").text, "csrf")
    before = folder_state(pole_file.parent)
    response = client.post("/importer", data={"csrf": csrf},
                           files={"spreadsheet": ("membres.csv", b"Nom;Categorie\r\n" + b"A;other\r\n" * 2000, "text/csv")})
    assert response.status_code == 413
    assert folder_state(pole_file.parent) == before


def test_an_upload_without_the_csrf_token_is_refused(pole_file):
    client = make_client(pole_file.parent)
    before = folder_state(pole_file.parent)
    response = client.post("/importer", files={"spreadsheet": ("membres.csv", b"Nom;Categorie\r\nA;other\r\n", "text/csv")})
    assert response.status_code == 403
    assert client.post("/importer/appliquer", data={"key": "x", "row": "2"}).status_code == 403
    assert folder_state(pole_file.parent) == before
