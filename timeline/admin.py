from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join

from timeline.models import Actor, Event, Evidence, Participation, Place


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["actor"]


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "quote", "start", "end", "in_article"]
    readonly_fields = ["in_article"]

    @admin.display(description="In the article")
    def in_article(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">read the sentence in its article</a>', obj.get_absolute_url())


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "when", "kind", "status", "review", "participants", "source_count", "place"]
    list_filter = ["review", "kind", "status", "date_precision", ("date_start", admin.DateFieldListFilter)]
    search_fields = ["title", "summary", "date_text", "participations__actor__name"]
    list_select_related = ["place"]
    autocomplete_fields = ["place"]
    raw_id_fields = ["merged_into"]
    readonly_fields = ["permalink", "verified_at", "created_at", "updated_at"]
    inlines = [ParticipationInline, EvidenceInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "status", "place", "summary", "permalink"]}),
        ("Date", {"fields": ["date_start", "date_end", "date_precision", "date_value", "date_text"]}),
        ("Review", {"fields": ["review", "curator_edited", "merged_into", "verified_at", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_source_count=Count("evidence__article", distinct=True))
            .prefetch_related("participations__actor")
        )

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            # Curator work is never overwritten by a re-parse.
            obj.curator_edited = True
        super().save_model(request, obj, form, change)

    @admin.display(description="Date", ordering="date_start")
    def when(self, obj):
        return obj.date_display

    @admin.display(description="Participants")
    def participants(self, obj):
        return format_html_join(", ", "{}", ((p.actor.name,) for p in obj.participations.all()))

    @admin.display(description="Sources", ordering="_source_count")
    def source_count(self, obj):
        return obj._source_count

    @admin.display(description="Permalink")
    def permalink(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "state", "event_count", "merged_into"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "aliases"]
    list_select_related = ["state", "merged_into"]
    autocomplete_fields = ["state"]
    raw_id_fields = ["merged_into"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_event_count=Count("participations__event", distinct=True))

    @admin.display(description="Events", ordering="_event_count")
    def event_count(self, obj):
        return obj._event_count


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "event_count"]
    search_fields = ["name"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_event_count=Count("events"))

    @admin.display(description="Events", ordering="_event_count")
    def event_count(self, obj):
        return obj._event_count


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["event", "actor", "role"]
    list_filter = ["role", "actor__kind"]
    search_fields = ["event__title", "actor__name"]
    list_select_related = ["event", "actor"]
    autocomplete_fields = ["event", "actor"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["event", "article", "short_quote", "start", "end"]
    search_fields = ["quote", "event__title", "article__title"]
    list_select_related = ["event", "article"]
    autocomplete_fields = ["event", "article"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__raw", "article__body")

    @admin.display(description="Quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) <= 120 else obj.quote[:117] + "…"
