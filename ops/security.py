"""Per-view relaxations of the site-wide security headers.

The Content Security Policy (settings.CONTENT_SECURITY_POLICY) is strict everywhere: scripts,
styles, images and fonts from this site only, no inline code, no plugins, no framing. A view that
must be shown inside other sites' pages (the /embed/ widget) opts out of the framing rules, and
only of those, with `@embeddable`. Other one-off needs use django-csp's own `csp_update`.
"""

from __future__ import annotations

from functools import wraps

from csp.decorators import csp_replace
from django.views.decorators.clickjacking import xframe_options_exempt

# frame-ancestors replaces X-Frame-Options in current browsers; both are relaxed together.
EMBED_POLICY = {"frame-ancestors": ["*"]}


def embeddable(view):
    """Any site may frame this view (CSP frame-ancestors *, no X-Frame-Options); the rest of the policy stays."""
    wrapped = xframe_options_exempt(csp_replace(EMBED_POLICY)(view))
    return wraps(view)(wrapped)
