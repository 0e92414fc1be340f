from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def oembed_link(context, event):
    """The oEmbed discovery tag for an event's permalink: <link rel="alternate" type="application/json+oembed" ...>."""
    request = context["request"]
    permalink = request.build_absolute_uri(event.get_absolute_url())
    href = request.build_absolute_uri(reverse("exports:oembed")) + "?" + urlencode({"url": permalink, "format": "json"})
    return format_html('<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', href, event.title)
