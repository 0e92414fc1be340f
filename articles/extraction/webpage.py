"""A news page saved from a browser: its headline, body and metadata, through trafilatura.

trafilatura (with htmldate for the date) is the usual tool for this: it drops navigation, ads,
comments and scripts, and reads the page's metadata (canonical URL, publication date, site name).
It is imported on first use because it takes a moment to load and most input is plain text.
"""

from __future__ import annotations

import re

from articles.extraction.errors import InputError

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
# Tried from the first "<meta" after each ">" only (atomic): a later "<meta" before the same ">" sees a part of
# the same tag, so it cannot succeed where the first failed, and retrying from each made "<meta<meta<meta..."
# quadratic. The value found is the same: the last charset= before that ">".
_META_CHARSET = re.compile(rb"""(?:^|>)(?>[^>]*?<meta)[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def looks_like_html(raw: bytes) -> bool:
    """True for bytes that start like a web page (after a BOM, whitespace or comments)."""
    head = raw[:2048].lstrip(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    return bool(_HTML_START.match(head))


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page declares in <meta charset> or http-equiv, if Python knows it."""
    import codecs

    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def extract_page(html: str) -> tuple[str, dict]:
    """(text, metadata): the headline, a blank line and the body's paragraphs; the page's metadata.

    Raises InputError when the page holds no article text.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (doc.text or "").strip() if doc is not None else ""
    if not body:
        raise InputError("web page without article text (nothing left after removing menus, ads and scripts)")
    title = " ".join((doc.title or "").split())
    lines = [line.strip() for line in body.split("\n")]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    text = "\n\n".join(line for line in lines if line)
    if title:
        text = f"{title}\n\n{text}"
    metadata = {
        key: value
        for key, value in {
            "title": title,
            "url": doc.url or "",
            "published": doc.date or "",
            "site_name": doc.sitename or "",
            "author": doc.author or "",
            "description": doc.description or "",
            "language": doc.language or "",
        }.items()
        if value
    }
    return text, metadata
