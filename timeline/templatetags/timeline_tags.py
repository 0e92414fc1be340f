import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from timeline.pages import iso_at_precision

register = template.Library()

# The characters that could end a <script> element or open a comment inside it, as JSON escapes
# (the same set Django's json_script escapes).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """A <script type="application/ld+json"> element holding `data`, safe whatever the strings contain."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


@register.filter
def datetime_attr(event) -> str:
    """The <time datetime> value of an event's date, no more precise than what is known."""
    return iso_at_precision(event.date_start, event.date_precision) or ""
