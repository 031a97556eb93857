"""One local process serves the built site beside /api, as `make run` does."""

from __future__ import annotations

import pytest


class Client:
    """A test client whose responses are read and closed at once (sent files stay open otherwise)."""

    def __init__(self, client):
        self._client = client

    def get(self, path):
        response = self._client.get(path)
        response.get_data()
        response.close()
        return response


@pytest.fixture
def client(make_sqlite_app, built_site):
    return Client(make_sqlite_app(SERVE_SITE=True, SITE_DIR=str(built_site)).test_client())


def test_the_post_is_served(client):
    response = client.get("/blog/leiden-of-lijden/")
    assert response.status_code == 200 and "Leiden of lijden" in response.get_data(as_text=True)


def test_a_folder_without_its_slash_redirects(client):
    response = client.get("/blog/leiden-of-lijden")
    assert (response.status_code, response.headers["Location"]) == (301, "/blog/leiden-of-lijden/")


def test_an_unknown_page_gets_the_sites_404(client):
    response = client.get("/bestaat/niet/")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/api/bestaat-niet", "/admin/bestaat-niet"])
def test_unknown_service_urls_get_the_json_envelope(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_the_api_still_answers(client):
    assert client.get("/api/health").get_json()["status"] == "ok"


@pytest.mark.parametrize("path", ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../pyproject.toml"])
def test_no_file_outside_the_site_is_served(client, path):
    assert client.get(path).status_code == 404
