"""A database that cannot be reached is an outage, not a bug: 503 with Retry-After, not a 500 traceback.

While PostgreSQL restarts (or a failover moves it), requests that need it fail with an
OperationalError or InterfaceError. Answering 503 tells browsers and load balancers to come back
soon, keeps crawlers from dropping the page, and keeps the error log for real bugs. The page is
rendered without touching the database (no session, no user, no context processors that query).
Pages already in the page cache are still served during the outage: they never reach this.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        log.warning("database unavailable for %s %s: %s", request.method, request.path, str(exception).splitlines()[0])
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
