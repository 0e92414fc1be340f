"""Production settings: secure cookies, HSTS and TLS redirect, read from a fresh process."""

import json

from tests.test_settings import PRODUCTION, run_manage

PROBE = (
    "from django.conf import settings as s; import json; print(json.dumps({k: getattr(s, k) for k in ("
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT',"
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'X_FRAME_OPTIONS',"
    "'SECURE_CONTENT_TYPE_NOSNIFF', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE')}))"
)


def test_production_settings_are_secure_by_default():
    result = run_manage("shell", "-c", PROBE, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"


def test_production_policy_upgrades_insecure_requests():
    probe = "from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES'])"
    result = run_manage("shell", "-c", probe, env=PRODUCTION)
    assert "upgrade-insecure-requests" in result.stdout, result.stderr


def test_cache_url_names_a_shared_cache_or_fails_clearly():
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    from config.env import cache_from_url

    assert cache_from_url("db://timeline_cache")["LOCATION"] == "timeline_cache"
    assert cache_from_url("file:///var/cache/timeline")["BACKEND"].endswith("FileBasedCache")
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcache://x")
