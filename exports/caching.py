"""Conditional GET for the exports: an ETag that changes whenever the timeline does.

A feed reader or calendar app polls the same URL every few minutes; while nothing changed, the
answer is a 304 from one cache read, with no query and no export written. The tag combines
`timeline_version()` (bumped by every change to events, actors, places, participations and
evidence: timeline/changes.py) with the address asked for and the code's format version.
"""

import hashlib

from django.views.decorators.http import condition

from timeline.changes import timeline_version

FORMAT_VERSION = "1"  # bump when an export's output changes for the same data


def timeline_etag(request, *args, **kwargs) -> str:
    key = f"{FORMAT_VERSION}|{timeline_version()}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def etag_by_timeline(view):
    return condition(etag_func=timeline_etag)(view)
