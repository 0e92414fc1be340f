"""Framing is refused site-wide (X_FRAME_OPTIONS = "DENY"); the embeds are the one exception.

`allow_framing` exempts a view from X-Frame-Options and tells the Content Security Policy which
pages may frame it: it sets `response._csp_replace = {"frame-ancestors": [...]}`, the attribute
django-csp's `csp_replace` decorator sets, so a CSP middleware (issue 9) replaces its site-wide
`frame-ancestors 'none'` with this list for these responses only.
"""

from functools import wraps

from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt

# Any site may embed the timeline; a deployment can narrow it with EMBED_FRAME_ANCESTORS.
DEFAULT_FRAME_ANCESTORS = ["*"]


def frame_ancestors() -> list[str]:
    return list(getattr(settings, "EMBED_FRAME_ANCESTORS", DEFAULT_FRAME_ANCESTORS))


def allow_framing(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._csp_replace = {**getattr(response, "_csp_replace", {}), "frame-ancestors": frame_ancestors()}
        return response

    return xframe_options_exempt(wrapped)
