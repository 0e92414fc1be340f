from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify

from timeline.dates import Precision, format_span

SLUG_LENGTH = 80


def make_slug(text: str, fallback: str) -> str:
    return slugify(text)[:SLUG_LENGTH].strip("-") or fallback


class ActorQuerySet(models.QuerySet):
    def active(self):
        """Actors that have not been merged into another."""
        return self.filter(merged_into__isnull=True)


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        STATE = "state", "State"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200, help_text="The full name, as a curator would write it.")
    slug = models.SlugField(max_length=SLUG_LENGTH, unique=True, help_text="The actor's address on the site.")
    kind = models.CharField(max_length=20, choices=Kind.choices, help_text="Person, state or organisation.")
    role = models.CharField(
        max_length=300, blank=True, help_text="Title or role, such as US President or White House spokeswoman."
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names that refer to this actor (surnames, short forms, capitals); "
        "ingestion links them to this actor.",
    )
    state = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        limit_choices_to={"kind": "state"},
        help_text="The state a person or organisation belongs to.",
    )
    wikidata_id = models.CharField(max_length=20, blank=True, help_text="A Wikidata item id, such as Q22686.")
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_actors",
        help_text="Set when a curator merged this actor into another; its address redirects there.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"], name="actor_kind_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("timeline:actor", kwargs={"slug": self.slug})

    def _unique_slug(self) -> str:
        base = make_slug(self.name, "actor")
        slug, n = base, 2
        while Actor.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            suffix = f"-{n}"
            slug, n = base[: SLUG_LENGTH - len(suffix)] + suffix, n + 1
        return slug

    @property
    def all_names(self) -> list[str]:
        return [self.name, *[a for a in self.aliases if a]]


class Place(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text="The place's usual English name.")
    slug = models.SlugField(max_length=SLUG_LENGTH, unique=True, help_text="The place's address on the site.")
    country = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": "state"},
        related_name="places",
        help_text="The state the place is in, when known.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = make_slug(self.name, "place")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("timeline:home") + f"?place={self.slug}"


class EventQuerySet(models.QuerySet):
    def visible(self):
        """What readers see: not rejected by a curator and not merged into another event."""
        return self.filter(merged_into__isnull=True).exclude(review=Event.Review.REJECTED)

    def verified(self):
        return self.filter(review=Event.Review.VERIFIED)

    def between(self, start=None, end=None):
        """Events whose date span overlaps [start, end]; either bound may be open."""
        qs = self
        if start is not None:
            qs = qs.filter(Q(date_end__gte=start) | Q(date_end__isnull=True, date_start__gte=start))
        if end is not None:
            qs = qs.filter(date_start__lte=end)
        return qs

    def newest_first(self):
        return self.order_by(F("date_start").desc(nulls_last=True), "-id")

    def in_time_order(self):
        return self.order_by(F("date_start").asc(nulls_last=True), "id")


class Event(models.Model):
    class Kind(models.TextChoices):
        SUMMIT = "summit", "Summit"
        MEETING = "meeting", "Meeting"
        TALKS = "talks", "Talks"
        VISIT = "visit", "Visit"
        LETTER = "letter", "Letter"
        CALL = "call", "Phone call"
        STATEMENT = "statement", "Statement"
        BRIEFING = "briefing", "Briefing"
        PARADE = "parade", "Parade"
        MILITARY_DISPLAY = "military_display", "Military display"
        TEST_LAUNCH = "test_launch", "Test launch"
        AGREEMENT = "agreement", "Agreement"
        SANCTION = "sanction", "Sanction"
        EXPULSION = "expulsion", "Expulsion or recall"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OCCURRED = "occurred", "Occurred"
        PLANNED = "planned", "Planned"
        PROPOSED = "proposed", "Proposed"
        SPECULATIVE = "speculative", "Speculative"
        CANCELLED = "cancelled", "Cancelled"

    class Review(models.TextChoices):
        PROPOSED = "proposed", "Proposed by the pipeline"
        VERIFIED = "verified", "Verified by a curator"
        REJECTED = "rejected", "Rejected by a curator"

    title = models.CharField(max_length=300, help_text="A short human headline for the event.")
    slug = models.SlugField(
        max_length=SLUG_LENGTH, help_text="Follows the title; old slugs redirect because the id is the key."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, help_text="What sort of happening it is.")
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.OCCURRED,
        help_text="Whether it happened, is planned, proposed, speculated about or was cancelled.",
    )
    date_start = models.DateField(null=True, blank=True, help_text="The first day the date can mean.")
    date_end = models.DateField(null=True, blank=True, help_text="The last day the date can mean.")
    date_precision = models.CharField(
        max_length=10,
        choices=Precision.choices,
        default=Precision.UNKNOWN,
        help_text="How precisely the date is known: a day, a month, a year, a range, or not at all.",
    )
    date_value = models.CharField(
        max_length=40, blank=True, help_text="The date as a TimeML TIMEX3 value, such as 2018-09-10 or 2018-09."
    )
    date_text = models.CharField(
        max_length=200, blank=True, help_text="The words in the text the date comes from, such as 'on Monday'."
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="events", help_text="Where it happened."
    )
    summary = models.TextField(blank=True, help_text="A few sentences on what happened.")
    review = models.CharField(
        max_length=20,
        choices=Review.choices,
        default=Review.PROPOSED,
        help_text="Proposed by the pipeline, or verified or rejected by a curator.",
    )
    curator_edited = models.BooleanField(
        default=False, help_text="Set when a curator changed the event; re-parsing never overwrites it."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_events",
        help_text="Set when a curator merged this event into another; its permalink redirects there.",
    )
    actors = models.ManyToManyField(Actor, through="Participation", related_name="events")
    verified_at = models.DateTimeField(null=True, blank=True, help_text="When a curator verified it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [F("date_start").desc(nulls_last=True), "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_start__isnull=True) | Q(date_end__isnull=True) | Q(date_end__gte=F("date_start")),
                name="event_end_not_before_start",
            ),
        ]
        indexes = [
            # The timeline's main query: visible events in date order, paged by (date_start, id).
            models.Index(
                fields=["date_start", "id"],
                condition=Q(merged_into__isnull=True) & ~Q(review="rejected"),
                name="event_visible_date_idx",
            ),
            models.Index(fields=["date_start", "date_end"], name="event_date_idx"),
            models.Index(fields=["kind", "date_start"], name="event_kind_date_idx"),
            models.Index(fields=["status", "date_start"], name="event_status_date_idx"),
            models.Index(fields=["review", "updated_at"], name="event_review_idx"),
            # The density strip: visible events per day, counted from the index alone.
            models.Index(fields=["date_start", "review", "merged_into"], name="event_day_review_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = make_slug(self.title, "event")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("timeline:event", kwargs={"pk": self.pk, "slug": self.slug or "event"})

    @property
    def date_display(self) -> str:
        return format_span(self.date_start, self.date_end, self.date_precision)

    @property
    def is_visible(self) -> bool:
        return self.merged_into_id is None and self.review != self.Review.REJECTED


class Participation(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", "Participant"
        SENDER = "sender", "Sender"
        RECIPIENT = "recipient", "Recipient"
        HOST = "host", "Host"
        GUEST = "guest", "Guest"
        SPEAKER = "speaker", "Speaker"
        TARGET = "target", "Target"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.PARTICIPANT,
        help_text="What the actor did in the event: sent, received, hosted, visited, spoke...",
    )

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="participation_unique_event_actor_role"),
        ]
        indexes = [models.Index(fields=["actor", "event"], name="participation_actor_idx")]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display().lower()}) in {self.event}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()


class Evidence(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="evidence")
    quote = models.TextField(help_text="The sentence of the article that supports the event, as it stands.")
    start = models.PositiveIntegerField(help_text="Where the quote starts in the article's body (characters).")
    end = models.PositiveIntegerField(help_text="Where the quote ends in the article's body (exclusive).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "article", "start"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="evidence_end_after_start"),
            models.UniqueConstraint(fields=["event", "article", "start", "end"], name="evidence_unique_span"),
        ]
        indexes = [models.Index(fields=["article", "start"], name="evidence_article_idx")]

    def __str__(self):
        return f"{self.article}: {self.quote[:80]}"

    def get_absolute_url(self):
        return reverse("timeline:article", kwargs={"pk": self.article_id}) + f"#s{self.start}"
