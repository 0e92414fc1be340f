"""The Content Security Policy: strict on every page, relaxed for framing only where a view asks."""

import base64
import hashlib
import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from ops.security import embeddable

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("url", ["/", "/health", "/admin/login/"])
def test_every_page_gets_the_strict_policy(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    for name, values in policy.items():
        assert "'unsafe-inline'" not in values, name
        assert "'unsafe-eval'" not in values, name
        assert "*" not in values, name


def test_admin_pages_as_a_curator_get_the_policy(curator_client):
    response = curator_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_one_style_hash_is_the_admin_changelists_inline_style():
    """If a Django upgrade changes that <style>, the hash in settings must change with it."""
    template = Path(django.__file__).parent / "contrib/admin/templates/admin/change_list.html"
    inline = re.findall(r"<style>(.*?)</style>", template.read_text(), re.S)
    digests = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline}
    hashes = {v for v in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"] if v.startswith("'sha256-")}
    assert hashes == digests


def test_our_templates_hold_no_inline_code():
    """CSP-ready templates: no inline <script> code, no on*= handlers, no <style> blocks or style= attributes."""
    root = Path(settings.BASE_DIR) / "templates"
    problems = []
    for path in root.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.S | re.I):
            attributes, body = match.groups()
            if body.strip() and "application/ld+json" not in attributes:
                problems.append(f"{path.name}: inline <script>")
        if re.search(r"<style\b", text, re.I):
            problems.append(f"{path.name}: <style>")
        if re.search(r"""\sstyle\s*=\s*["']""", text, re.I):
            problems.append(f"{path.name}: style=")
        if re.search(r"""\son[a-z]{3,20}\s*=\s*["']""", text, re.I):
            problems.append(f"{path.name}: on*= handler")
    assert problems == []


def test_embeddable_views_may_be_framed_by_any_site_and_nothing_else_changes(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE]  # the full stack runs on RequestFactory responses below
    from csp.middleware import CSPMiddleware
    from django.middleware.clickjacking import XFrameOptionsMiddleware

    @embeddable
    def widget(request):
        return HttpResponse("<p>embedded</p>")

    def ordinary(request):
        return HttpResponse("<p>page</p>")

    request = RequestFactory().get("/embed/")
    stack = XFrameOptionsMiddleware(CSPMiddleware(widget))
    framed = stack(request)
    assert "X-Frame-Options" not in framed
    policy = directives(framed)
    assert policy["frame-ancestors"] == ["*"]
    assert policy["script-src"] == ["'self'"]

    plain = XFrameOptionsMiddleware(CSPMiddleware(ordinary))(RequestFactory().get("/"))
    assert plain["X-Frame-Options"] == "DENY"
    assert directives(plain)["frame-ancestors"] == ["'none'"]


def test_htmx_is_configured_not_to_inject_styles_or_eval(client):
    html = client.get("/").content.decode()
    config = re.search(r"""<meta name="htmx-config" content='([^']*)'""", html)
    assert config, "base.html must configure htmx for the CSP"
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js"', html)
