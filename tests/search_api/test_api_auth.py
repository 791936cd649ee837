"""Keys and roles: configuration, hashing, the route table's declared roles, reader keys."""

from __future__ import annotations

import logging

import pytest

from search_api.http.app import create_app
from search_api.http.auth import route_roles
from search_api.http.keys import ConfigError, KeyRing, Role, key_digest
from search_api.http.settings import Settings, load_settings
from tests.search_api.service_fixtures import READER_KEY, TRAINER_KEY, make_client

PUBLIC_WRITES = {("POST", "/signin"), ("POST", "/signout")}


def test_every_route_declares_exactly_one_role(data_dir):
    roles = route_roles(create_app(Settings(data_dir=data_dir)))
    assert roles, "the route table is not empty"
    undeclared = {route: gates for route, gates in roles.items() if len(gates) != 1}
    assert undeclared == {}


def test_writes_need_trainer_and_deletes_need_admin(data_dir):
    roles = route_roles(create_app(Settings(data_dir=data_dir)))
    for (method, path), (role,) in roles.items():
        if method in ("GET", "HEAD"):
            assert role <= Role.READER, (method, path)
        elif (method, path) in PUBLIC_WRITES:
            assert role is Role.PUBLIC
        elif method == "DELETE":
            assert role is Role.ADMIN, (method, path)
        else:
            assert role >= Role.TRAINER, (method, path)
    assert roles[("POST", "/api/documents")] == [Role.TRAINER]
    assert roles[("DELETE", "/api/documents/{doc_id}")] == [Role.ADMIN]
    assert roles[("GET", "/healthz")] == [Role.PUBLIC]


def test_keys_from_the_environment_are_kept_hashed(tmp_path):
    settings = load_settings(
        tmp_path, environ={"CAMNANG_API_KEYS": "alpha-key-1=reader, beta-key-22=Admin"}
    )
    assert settings.keys.role_for("alpha-key-1") is Role.READER
    assert settings.keys.role_for("beta-key-22") is Role.ADMIN
    assert settings.keys.role_for("alpha-key-2") is None
    assert settings.keys.role_for("") is None
    kept = repr(vars(settings.keys))
    assert "alpha-key-1" not in kept and key_digest("alpha-key-1") in kept


def test_config_file_with_hashed_keys_and_reader_setting(tmp_path):
    (tmp_path / "camnang.toml").write_text(
        "[service]\nrequire_reader_key = true\nmax_upload_mb = 5\n\n[api_keys]\n"
        f'"sha256:{key_digest("trainer-secret-1")}" = "trainer"\n'
        '"plain-reader-key" = "reader"\n',
        encoding="utf-8",
    )
    settings = load_settings(tmp_path, environ={})
    assert settings.require_reader_key is True
    assert settings.max_upload_bytes == 5 * 2**20
    assert settings.keys.role_for("trainer-secret-1") is Role.TRAINER
    assert settings.keys.role_for("plain-reader-key") is Role.READER
    env = {"CAMNANG_REQUIRE_READER_KEY": "no"}
    assert load_settings(tmp_path, environ=env).require_reader_key is False


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"CAMNANG_API_KEYS": "topsecret-key=superuser"}, "unknown role"),
        ({"CAMNANG_API_KEYS": "topsecret-key"}, "not KEY=ROLE"),
        ({"CAMNANG_API_KEYS": "short=admin"}, "at least 8"),
        ({"CAMNANG_REQUIRE_READER_KEY": "maybe"}, "true or false"),
        ({"CAMNANG_CONFIG": "/nonexistent/camnang.toml"}, "does not exist"),
    ],
)
def test_bad_configuration_is_refused_without_showing_the_key(tmp_path, environ, expected):
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, environ=environ)
    assert expected in str(info.value)
    assert "topsecret" not in str(info.value)


def test_bad_config_file_says_where(tmp_path):
    path = tmp_path / "x.toml"
    for text, expected in (
        ("[service\n", "not valid TOML"),
        ("[service]\nmax_upload_mb = 0\n", "max_upload_mb"),
        ("[service]\nopen = true\n", "unknown setting service.open"),
        ('[api_keys]\n"sha256:abc" = "admin"\n', "64 hex digits"),
        ("[extra]\n", "unknown section"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_settings(tmp_path, config_path=path, environ={})
        assert expected in str(info.value) and str(path) in str(info.value)


def test_reading_is_open_by_default_and_closed_when_required(thads_data):
    with make_client(thads_data) as client:
        assert client.get("/api/documents").status_code == 200
        assert client.get("/documents").status_code == 200
    with make_client(thads_data, require_reader_key=True) as client:
        closed = client.get("/api/documents")
        assert closed.status_code == 401 and closed.json()["error"]["code"] == "missing_key"
        assert client.get("/api/documents", headers={"X-API-Key": READER_KEY}).status_code == 200
        assert client.get("/api/documents", headers={"X-API-Key": "nope-nope"}).status_code == 401
        assert client.get("/healthz").status_code == 200
        page = client.get("/documents", headers={"accept": "text/html"})
        assert page.status_code == 401 and "Đăng nhập" in page.text


def test_keys_never_reach_the_logs(thads_app, caplog):
    caplog.set_level(logging.DEBUG)
    thads_app.post("/api/documents", headers={"X-API-Key": TRAINER_KEY + "x"})
    thads_app.post("/signin", data={"key": TRAINER_KEY, "next": "/upload"})
    thads_app.get("/api/documents", headers={"X-API-Key": TRAINER_KEY})
    assert TRAINER_KEY not in caplog.text


def test_a_keyring_compares_digests_only():
    keys = KeyRing()
    keys.add("sha256:" + key_digest("digest-only-key"), Role.ADMIN)
    assert keys.role_for("digest-only-key") is Role.ADMIN
    assert keys.role_for(key_digest("digest-only-key")) is None
