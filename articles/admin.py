from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import path
from django.utils.html import format_html

from articles.models import Article, GazetteerEntry
from curation import views as curation_views


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "credit", "published_on", "status", "evidence_count", "created_at"]
    list_filter = ["status", "published_source", "outlet", "credit"]
    search_fields = ["title", "outlet", "credit", "url", "source_name"]
    date_hierarchy = "created_at"
    actions = ["parse_into_timeline"]
    change_list_template = "admin/articles/article/change_list.html"
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

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="articles_article_import"), *super().get_urls()]

    def import_view(self, request):
        """Upload files, or import the seed folder: the same upsert as `manage.py ingest`."""
        return curation_views.import_articles(self, request)

    def has_ingest_permission(self, request):
        return curation_views.can_ingest(request)

    @admin.action(description="Parse into timeline", permissions=["ingest"])
    def parse_into_timeline(self, request, queryset):
        return curation_views.parse_articles(self, request, queryset)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_ingest": self.has_ingest_permission(request)}
        return super().changelist_view(request, extra_context)

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
