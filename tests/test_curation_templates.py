"""The curation templates are ready for a strict Content Security Policy: no inline code or style."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "templates"
TEMPLATES = sorted(
    [
        *ROOT.glob("curation/*.html"),
        *ROOT.glob("admin/curation/**/*.html"),
        *ROOT.glob("admin/articles/article/*.html"),
        *ROOT.glob("admin/timeline/*/*.html"),
    ]
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.IGNORECASE)
STYLE_BLOCK = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+=", re.IGNORECASE)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) >= 8


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_code_or_style(path):
    text = path.read_text(encoding="utf-8")
    for pattern in (INLINE_SCRIPT, STYLE_BLOCK, STYLE_ATTRIBUTE, EVENT_ATTRIBUTE):
        assert not pattern.search(text), f"{path.name}: {pattern.pattern}"


def test_the_check_catches_inline_code():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert EVENT_ATTRIBUTE.search('<a onclick="x()">')
    assert STYLE_ATTRIBUTE.search('<p style="color: red">')
