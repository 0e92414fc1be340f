"""Whole responses cached under `timeline_version()`: any change to the timeline invalidates them at once.

Under load (bench/load.py, 64 clients) the timeline, the permalink and the API list spend their time
rendering the same bytes again and again. `cached_by_timeline` keeps a 200 answer to an anonymous
GET in the cache, keyed by the timeline version, the address (scheme, host, path and query) and the
htmx headers that choose the rendering (one URL, two renderings: see timeline/views.py). Every save
or delete of an event, actor, participation, evidence span or place, and every bulk write that calls
`timeline_changed()`, bumps the version, so the next request renders afresh: no stale page is served.

Signed-in users (curators see rejected events, the admin bar) always get a fresh rendering.

Pages carry a CSRF token (base.html puts it on <body> for htmx). A cached page must not hand one
reader's token to another, so the token is stored as a placeholder and each hit gets a fresh token
from `get_token()`, which also sets this reader's CSRF cookie as an uncached page would.

The cache must be shared by the server's processes (CACHE_URL: redis://, db:// or file://), or each
gunicorn worker keeps its own version and its own copies (see README, "Load").

Each process also keeps the pages it served last in memory (`LOCAL_BYTES`, least recently used
first out), under the same versioned key: a hit then costs one small round trip to the shared
cache, for the version, instead of two with the page's bytes. The version is still read on every
request, so a change anywhere is seen by every process on its next request.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from timeline.changes import timeline_version

CACHE_SECONDS = 600
FORMAT_VERSION = "1"  # bump when the templates change in a way an old cached page must not survive
KEPT_HEADERS = ("Content-Type", "Vary", "HX-Push-Url", "Content-Language")
RENDERING_HEADERS = ("HX-Request", "HX-Target", "HX-History-Restore-Request", "HX-Trigger")
CSRF_PLACEHOLDER = "__csrf_token_placeholder__"
_CSRF_TOKEN = re.compile(r'"X-CSRFToken": "[A-Za-z0-9]{32,64}"')
LOCAL_BYTES = 16 * 1024 * 1024  # per process: a few hundred timeline pages


class _LocalPages:
    """A per-process, size-bounded LRU of cached pages; thread-safe for gthread workers."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.pages: OrderedDict[str, tuple[bytes, dict]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            stored = self.pages.get(key)
            if stored is not None:
                self.pages.move_to_end(key)
            return stored

    def put(self, key: str, stored: tuple[bytes, dict]) -> None:
        size = len(stored[0])
        if size > self.limit:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            self.size += size - (len(old[0]) if old else 0)
            self.pages[key] = stored
            while self.size > self.limit:
                _key, (content, _headers) = self.pages.popitem(last=False)
                self.size -= len(content)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.size = 0


local_pages = _LocalPages(LOCAL_BYTES)


def page_key(request) -> str:
    rendering = "|".join(request.headers.get(name, "") for name in RENDERING_HEADERS)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{address}|{rendering}".encode()).hexdigest()[:40]
    return f"page:{FORMAT_VERSION}:{timeline_version()}:{digest}"


def _cacheable(request) -> bool:
    user = getattr(request, "user", None)
    return request.method == "GET" and not (user is not None and user.is_authenticated)


def cached_by_timeline(view):
    """Serve a 200 answer to an anonymous GET from the cache until the timeline changes."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = local_pages.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                local_pages.put(key, stored)
        if stored is not None:
            content, headers = stored
            if CSRF_PLACEHOLDER.encode() in content:
                content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            content = _CSRF_TOKEN.sub(f'"X-CSRFToken": "{CSRF_PLACEHOLDER}"', response.content.decode(response.charset))
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            stored = (content.encode(response.charset), headers)
            cache.set(key, stored, CACHE_SECONDS)
            local_pages.put(key, stored)
        return response

    return wrapper
