"""Settings come from the environment, strictly, and production settings pass `check --deploy`."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_list
from tests.conftest import ROOT

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3-" + "q8Zr7Lm2Xv9Tn4Pw6Ys1Hb5Jd0Fc" * 2,
    "ALLOWED_HOSTS": "timeline.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://timeline.example.org",
}


def run_manage(*args, env):
    """Run manage.py in a process that sees only `env` (plus what any process needs)."""
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "DATABASE_URL") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_env_bool_is_strict(monkeypatch):
    monkeypatch.setenv("X_FLAG", "False")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "on")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "Flase")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG", False)


def test_env_list_drops_blanks(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.example, ,b.example,")
    assert env_list("X_HOSTS", []) == ["a.example", "b.example"]


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_manage("check", env={"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_default_key_only_with_debug():
    assert run_manage("check", env={"DEBUG": "true"}).returncode == 0


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
