"""Login throttling for the admin: slow down password guessing.

Failed logins are counted in the cache, in fixed windows of LOGIN_THROTTLE_WINDOW seconds, three
ways: per client address and user name (a person mistyping), per client address (one machine
trying many names) and per user name (many machines trying one account). Past a limit, further
attempts in that window are refused with HTTP 429 before the password is even checked, so a
correct guess teaches nothing. A successful login clears the address-and-name count.

The counts live in the default cache: with several app server processes it must be a shared one
(CACHE_URL, see the README); a per-process memory cache gives each process its own allowance.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

THROTTLED_MESSAGE = "Too many failed logins. Wait %(minutes)d minutes before trying again."


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the header a trusted proxy sets (LOGIN_CLIENT_IP_HEADER)."""
    header = settings.LOGIN_CLIENT_IP_HEADER
    if header:
        # The proxy appends the address it saw; anything before it came from the client and may be forged.
        forwarded = request.META.get(header, "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def _keys(address: str, username: str) -> list[tuple[str, int]]:
    name = hashlib.sha256(username.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return [
        (f"login-fail:addr-user:{address}:{name}", settings.LOGIN_FAILURES_PER_USER_ADDRESS),
        (f"login-fail:addr:{address}", settings.LOGIN_FAILURES_PER_ADDRESS),
        (f"login-fail:user:{name}", settings.LOGIN_FAILURES_PER_USER),
    ]


def is_throttled(address: str, username: str) -> bool:
    keys = _keys(address, username)
    counts = cache.get_many([key for key, _limit in keys])
    return any(counts.get(key, 0) >= limit for key, limit in keys)


def record_failure(address: str, username: str) -> None:
    for key, _limit in _keys(address, username):
        # add() starts the window with its expiry; incr() keeps that expiry.
        if not cache.add(key, 1, timeout=settings.LOGIN_THROTTLE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=settings.LOGIN_THROTTLE_WINDOW)


def record_success(address: str, username: str) -> None:
    cache.delete(_keys(address, username)[0][0])


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, refusing to check a password while its sender is throttled."""

    throttled = False

    def clean(self):
        address = client_address(self.request) if self.request else ""
        username = self.cleaned_data.get("username") or ""
        if is_throttled(address, username):
            self.throttled = True
            minutes = max(1, settings.LOGIN_THROTTLE_WINDOW // 60)
            raise ValidationError(THROTTLED_MESSAGE, code="throttled", params={"minutes": minutes})
        try:
            cleaned = super().clean()
        except ValidationError:
            record_failure(address, username)
            raise
        record_success(address, username)
        return cleaned


def login(request, extra_context=None):
    """admin.site.login with the throttled form; a refused attempt answers 429 Too Many Requests."""
    # The admin's own view: never cached, CSRF-protected, passwords kept out of error reports.
    response = admin.site.login(request, extra_context)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if getattr(form, "throttled", False):
        response.status_code = 429
    return response


def install() -> None:
    """Make the default admin site use the throttled form (called from OpsConfig.ready)."""
    admin.site.login_form = ThrottledAuthenticationForm
