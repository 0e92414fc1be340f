"""The admin login is throttled against password guessing, per address+name, per address and per name."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    settings.LOGIN_FAILURES_PER_USER_ADDRESS = 3
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    settings.LOGIN_FAILURES_PER_USER = 5
    cache.clear()
    yield
    cache.clear()


def attempt(client, username, password, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_are_refused_then_throttled_even_the_right_one(client, curator):
    for _ in range(3):
        response = attempt(client, "cura", "guess")
        assert response.status_code == 200  # the login form again, with its error
        assert "_auth_user_id" not in client.session
    refused = attempt(client, "cura", "a long curator password")
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_before_the_limit_logs_in_and_clears_the_count(client, curator):
    attempt(client, "cura", "guess")
    attempt(client, "cura", "guess")
    response = attempt(client, "cura", "a long curator password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(curator.pk)
    client.logout()
    attempt(client, "cura", "guess")
    attempt(client, "cura", "guess")
    assert attempt(client, "cura", "a long curator password").status_code == 302


def test_another_address_is_not_locked_out_by_someone_elses_guesses(client, curator):
    for _ in range(3):
        attempt(client, "cura", "guess", address="203.0.113.9")
    assert attempt(client, "cura", "guess", address="203.0.113.9").status_code == 429
    assert attempt(client, "cura", "a long curator password", address="192.0.2.1").status_code == 302


def test_one_address_trying_many_names_is_throttled(client, curator):
    for number in range(6):
        assert attempt(client, f"user{number}", "guess").status_code == 200
    assert attempt(client, "cura", "a long curator password").status_code == 429


def test_many_addresses_guessing_one_name_are_throttled(client, curator):
    for number in range(5):
        assert attempt(client, "cura", "guess", address=f"192.0.2.{number + 10}").status_code == 200
    assert attempt(client, "cura", "a long curator password", address="192.0.2.99").status_code == 429


def test_the_address_comes_from_the_proxy_header_only_when_configured(client, curator, settings):
    forged = {"HTTP_X_REAL_IP": "10.9.9.9"}
    for _ in range(3):
        client.post(LOGIN, {"username": "cura", "password": "guess"}, REMOTE_ADDR="198.51.100.7", **forged)
    # Without the setting the header is ignored: the real address is the one counted.
    assert attempt(client, "cura", "a long curator password").status_code == 429
    cache.clear()
    settings.LOGIN_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    good = {"username": "cura", "password": "a long curator password"}
    for _ in range(3):
        client.post(LOGIN, {"username": "cura", "password": "guess"}, HTTP_X_REAL_IP="192.0.2.5", **proxy)
    assert client.post(LOGIN, good, HTTP_X_REAL_IP="192.0.2.5", **proxy).status_code == 429
    assert client.post(LOGIN, good, HTTP_X_REAL_IP="192.0.2.6", **proxy).status_code == 302


def test_login_requires_the_csrf_token(curator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(LOGIN, {"username": "cura", "password": "a long curator password"})
    assert response.status_code == 403
