from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html

from articles.models import Article, GazetteerEntry


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "credit", "published_on", "status", "evidence_count", "created_at"]
    list_filter = ["status", "published_source", "outlet", "credit"]
    search_fields = ["title", "outlet", "credit", "url", "source_name"]
    date_hierarchy = "created_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "content_hash",
        "content_type",
        "source_name",
        "raw_size",
        "repairs",
        "parser_version",
        "public_link",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "outlet", "credit", "url", "published_on", "published_source", "dateline"]}),
        ("Pipeline", {"fields": ["status", "error", "parser_version", "public_link"]}),
        ("Text", {"fields": ["body"], "classes": ["collapse"]}),
        (
            "As received",
            {
                "fields": [
                    "source_name",
                    "content_type",
                    "raw_size",
                    "content_hash",
                    "repairs",
                    "created_at",
                    "updated_at",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("raw").annotate(_evidence_count=Count("evidence"))

    @admin.display(description="Evidence", ordering="_evidence_count")
    def evidence_count(self, obj):
        return obj._evidence_count

    @admin.display(description="Size as received")
    def raw_size(self, obj):
        return f"{len(obj.raw or b''):,} bytes"

    @admin.display(description="Public page")
    def public_link(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())


@admin.register(GazetteerEntry)
class GazetteerEntryAdmin(admin.ModelAdmin):
    """Curators teach the extraction new names; they count from the next article parsed."""

    list_display = ["name", "kind", "canonical", "state", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "canonical", "state"]
