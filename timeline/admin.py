from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from curation.forms_timeline import ActorAdminForm, EventAdminForm
from curation.merging import log, merge_actors, merge_events
from timeline.changes import timeline_changed
from timeline.models import Actor, Event, Evidence, Participation, Place


class ActorFilter(admin.SimpleListFilter):
    """Events an actor took part in: the choices are the actors in most events, not merged ones."""

    title = "actor"
    parameter_name = "actor"

    LIMIT = 40  # the actors in most events; any other is one search away (search covers actor names)

    def lookups(self, request, model_admin):
        top = (
            Actor.objects.active()
            .annotate(n=Count("participations__event", distinct=True))
            .filter(n__gt=0)
            .order_by("-n", "name")
            .values_list("pk", "name")[: self.LIMIT]
        )
        return sorted(((str(pk), name) for pk, name in top), key=lambda choice: choice[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(participations__actor_id=self.value()).distinct()
        return queryset


class MergedFilter(admin.SimpleListFilter):
    title = "merged"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", "Not merged"), ("yes", "Merged into another")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


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
    form = EventAdminForm
    list_display = [
        "title",
        "when",
        "kind",
        "status",
        "review_state",
        "participants",
        "source_count",
        "public_page",
    ]
    list_filter = [
        "review",
        "kind",
        "status",
        ("date_start", admin.DateFieldListFilter),
        "date_precision",
        ActorFilter,
        MergedFilter,
    ]
    list_select_related = ["place"]
    actions = ["verify_events", "reject_events", "merge_events"]
    search_fields = ["title", "summary", "date_text", "participations__actor__name"]
    autocomplete_fields = ["place"]
    raw_id_fields = ["merged_into"]
    readonly_fields = ["permalink", "verified_at", "created_at", "updated_at"]
    inlines = [ParticipationInline, EvidenceInline]
    fieldsets = [
        (None, {"fields": ["title", "kind", "status", "place", "summary", "permalink"]}),
        (
            "Date",
            {
                "fields": ["date_precision", "date_start", "date_end", "date_value", "date_text"],
                "description": "Choose the precision and the first day: a month or a year fills in its last "
                "day and its TIMEX3 value; a range needs both days.",
            },
        ),
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
        if "review" in form.changed_data:
            obj.verified_at = timezone.now() if obj.review == Event.Review.VERIFIED else None
        super().save_model(request, obj, form, change)

    @admin.display(description="Date", ordering="date_start")
    def when(self, obj):
        return obj.date_display

    class Media:
        css = {"all": ["css/curation.css"]}

    @admin.display(description="Review", ordering="review")
    def review_state(self, obj):
        badge = format_html('<span class="review review-{}">{}</span>', obj.review, obj.review)
        if not obj.merged_into_id:
            return badge
        target = reverse("admin:timeline_event_change", args=[obj.merged_into_id])
        return format_html(
            '{} <span class="review review-merged">merged into <a href="{}">#{}</a></span>',
            badge,
            target,
            obj.merged_into_id,
        )

    @admin.display(description="Public page")
    def public_page(self, obj):
        return format_html('<a href="{}">view</a>', obj.get_absolute_url())

    @admin.action(description="Verify the selected events", permissions=["change"])
    def verify_events(self, request, queryset):
        events = list(queryset.exclude(review=Event.Review.VERIFIED))
        now = timezone.now()
        Event.objects.filter(pk__in=[e.pk for e in events]).update(
            review=Event.Review.VERIFIED, verified_at=now, curator_edited=True, updated_at=now
        )
        for event in events:
            log(request.user, event, "Verified.")
        timeline_changed()
        self.message_user(request, f"Verified {len(events)} event{'s' if len(events) != 1 else ''}.")

    @admin.action(description="Reject the selected events", permissions=["change"])
    def reject_events(self, request, queryset):
        events = list(queryset.exclude(review=Event.Review.REJECTED))
        now = timezone.now()
        Event.objects.filter(pk__in=[e.pk for e in events]).update(
            review=Event.Review.REJECTED, verified_at=None, curator_edited=True, updated_at=now
        )
        for event in events:
            log(request.user, event, "Rejected.")
        timeline_changed()
        self.message_user(
            request,
            f"Rejected {len(events)} event{'s' if len(events) != 1 else ''}: hidden from readers, kept for the record.",
        )

    @admin.action(description="Merge the selected events", permissions=["change"])
    def merge_events(self, request, queryset):
        events = list(queryset.prefetch_related("participations__actor", "evidence__article").order_by("pk"))
        if len(events) < 2:
            self.message_user(request, "Choose at least two events to merge.", messages.WARNING)
            return None
        chosen = request.POST.get("survivor")
        if request.POST.get("post") == "yes" and chosen:
            survivor = next((e for e in events if str(e.pk) == chosen), None)
            if survivor is None:
                self.message_user(request, "The event to keep must be one of those chosen.", messages.ERROR)
                return None
            merge_events(survivor, events, request.user)
            self.message_user(
                request, f"Merged {len(events) - 1} event{'s' if len(events) > 2 else ''} into “{survivor}”."
            )
            return redirect("admin:timeline_event_change", survivor.pk)
        default = max(events, key=lambda e: (e.review == Event.Review.VERIFIED, len(e.evidence.all()), -e.pk))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merge events?",
            "objects": events,
            "default": default,
            "action": "merge_events",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/timeline/event/merge_confirmation.html", context)

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
    form = ActorAdminForm
    list_display = ["name", "kind", "role", "state", "alias_list", "event_count", "merged_into"]
    list_filter = ["kind", ("merged_into", admin.EmptyFieldListFilter)]
    actions = ["merge_actors"]
    fields = ["name", "slug", "kind", "role", "state", "aliases", "wikidata_id", "merged_into", "public_page"]
    readonly_fields = ["public_page"]
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

    @admin.display(description="Aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases or [])

    @admin.display(description="Public page")
    def public_page(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    @admin.action(description="Merge the selected actors", permissions=["change"])
    def merge_actors(self, request, queryset):
        actors = list(queryset.order_by("pk"))
        if len(actors) < 2:
            self.message_user(request, "Choose at least two actors to merge.", messages.WARNING)
            return None
        chosen = request.POST.get("survivor")
        if request.POST.get("post") == "yes" and chosen:
            survivor = next((a for a in actors if str(a.pk) == chosen), None)
            if survivor is None:
                self.message_user(request, "The actor to keep must be one of those chosen.", messages.ERROR)
                return None
            merge_actors(survivor, actors, request.user)
            self.message_user(
                request, f"Merged {len(actors) - 1} actor{'s' if len(actors) > 2 else ''} into “{survivor}”."
            )
            return redirect("admin:timeline_actor_change", survivor.pk)
        counts = dict(
            Participation.objects.filter(actor__in=actors).values_list("actor").annotate(n=Count("id")).order_by()
        )
        for actor in actors:
            actor.participation_count = counts.get(actor.pk, 0)
        default = max(actors, key=lambda a: (a.participation_count, -a.pk))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merge actors?",
            "objects": actors,
            "default": default,
            "action": "merge_actors",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/timeline/actor/merge_confirmation.html", context)


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
