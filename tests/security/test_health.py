"""/health: JSON for load balancers; no login, never cached, 503 when the database is not usable."""

import pytest
from django.db import connection

from ops import health

pytestmark = pytest.mark.django_db


def test_health_reports_ok_as_json_without_login_and_is_never_cached(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {
        "status": "ok",
        "vendor": connection.vendor,
        "ms": body["checks"]["database"]["ms"],
    }
    assert body["checks"]["migrations"]["status"] == "ok"
    assert body["checks"]["worker"]["status"] in {"ok", "unknown"}


def test_health_answers_only_get(client):
    assert client.post("/health").status_code == 405


def test_a_failing_critical_check_answers_503(client, monkeypatch):
    def broken():
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(health, "CHECKS", [*health.CHECKS, health.Check("disk", broken, critical=True)])
    response = client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["disk"]["detail"] == "RuntimeError: disk on fire"


def test_a_failing_non_critical_check_only_degrades(client, monkeypatch):
    monkeypatch.setattr(
        health, "CHECKS", [*health.CHECKS, health.Check("extra", lambda: {"status": "degraded"}, critical=False)]
    )
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


def test_unapplied_migrations_are_reported(client, monkeypatch):
    """Forget the newest timeline migration in django_migrations (rolled back after the test)."""
    from django.db.migrations.recorder import MigrationRecorder

    recorded = MigrationRecorder(connection).migration_qs.filter(app="timeline").order_by("-name").first()
    recorded.delete()
    monkeypatch.setattr(health, "_migrations_applied", False)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"]["pending"] == [f"timeline.{recorded.name}"]
