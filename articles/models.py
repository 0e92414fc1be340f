import hashlib

from django.db import models
from django.db.models import Q
from django.urls import reverse


def content_hash(text: str) -> str:
    """The key that makes ingestion idempotent: the SHA-256 of the repaired text.

    Hashing the repaired text rather than the bytes means the same article received as UTF-8, as
    UTF-16 or with its quotes mangled is still one article.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleQuerySet(models.QuerySet):
    def needing_date(self):
        return self.filter(status=Article.Status.NEEDS_DATE)


class Article(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        PARSED = "parsed", "Parsed into the timeline"
        NEEDS_DATE = "needs_date", "Needs a publication date"
        FAILED = "failed", "Failed"

    class DateSource(models.TextChoices):
        NONE = "", "Unknown"
        FLAG = "flag", "Given on the command line or upload form"
        MANIFEST = "manifest", "Folder manifest"
        METADATA = "metadata", "Metadata in the file"
        TEXT = "text", "Found in the text"
        CURATOR = "curator", "Set by a curator"

    title = models.CharField(max_length=500, blank=True, help_text="The headline, as found or as given.")
    outlet = models.CharField(max_length=200, blank=True, help_text="The publication that ran the article.")
    credit = models.CharField(
        max_length=200, blank=True, help_text="The wire service or author credited, such as Reuters."
    )
    url = models.URLField(max_length=2000, blank=True, help_text="Where the article was published.")
    published_on = models.DateField(
        null=True, blank=True, help_text="Publication date: the anchor for relative dates in the text."
    )
    published_source = models.CharField(
        max_length=20,
        choices=DateSource.choices,
        blank=True,
        default=DateSource.NONE,
        help_text="Where the publication date came from.",
    )
    dateline = models.CharField(
        max_length=200, blank=True, help_text="The dateline's place, such as WASHINGTON or SEOUL."
    )
    body = models.TextField(help_text="The repaired text; evidence offsets point into it.")
    raw = models.BinaryField(editable=False, help_text="The bytes exactly as received.")
    source_name = models.CharField(max_length=500, blank=True, help_text="The file name it was ingested from.")
    content_type = models.CharField(max_length=50, default="text/plain", help_text="The media type received.")
    content_hash = models.CharField(
        max_length=64, editable=False, help_text="SHA-256 of the repaired text; the same text is stored once."
    )
    repairs = models.JSONField(
        default=list, blank=True, help_text="Every repair made to the text: offset, before, after, kind."
    )
    structure = models.JSONField(
        default=dict,
        blank=True,
        help_text="Parts of the text (captions, bullets, paragraphs, sentences) as character offsets.",
    )
    metadata = models.JSONField(
        default=dict, blank=True, help_text="Metadata found in the file, such as an HTML page's canonical URL."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, help_text="Where the article is in the pipeline."
    )
    error = models.TextField(blank=True, help_text="Why the last parse failed, if it did.")
    parser_version = models.CharField(
        max_length=40, blank=True, help_text="The pipeline version that last parsed the article."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        permissions = [("ingest_article", "Can import and parse articles into the timeline")]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
            # Re-sending a known URL with new text updates that article instead of adding one.
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_unique_url"),
        ]
        indexes = [models.Index(fields=["status"], name="article_status_idx")]

    def __str__(self):
        return self.title or self.source_name or f"Article {self.pk}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("timeline:article", kwargs={"pk": self.pk})

    @property
    def web_url(self) -> str:
        """The URL if it is an http(s) address, else "": a javascript: URL must never become a link."""
        return self.url if self.url.strip().lower().startswith(("http://", "https://")) else ""


class GazetteerEntry(models.Model):
    """A name the extraction should know, added by a curator on top of the shipped word lists."""

    class Kind(models.TextChoices):
        STATE = "state", "State (country)"
        DEMONYM = "demonym", "Demonym (adjective of a state)"
        CAPITAL = "capital", "Capital (stands for its government)"
        PLACE = "place", "Place"
        ORGANISATION = "organisation", "Organisation"
        PERSON = "person", "Person"
        TITLE = "title", "Title or role"
        TRIGGER = "trigger", "Event trigger word"

    kind = models.CharField(max_length=20, choices=Kind.choices, help_text="What sort of name this is.")
    name = models.CharField(
        max_length=200, help_text="The words as they appear in articles, such as 'Kremlin' or 'spokeswoman'."
    )
    canonical = models.CharField(
        max_length=200,
        blank=True,
        help_text="What the name refers to: the actor's full name (for a trigger, the event kind, such as "
        "'summit'). Empty means the name itself.",
    )
    state = models.CharField(
        max_length=200, blank=True, help_text="The state a capital, place, organisation or person belongs to."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "gazetteer entries"
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="gazetteer_unique_kind_name")]

    def __str__(self):
        target = f" → {self.canonical}" if self.canonical and self.canonical != self.name else ""
        return f"{self.name}{target} ({self.get_kind_display().lower()})"

    def get_absolute_url(self):
        return reverse("admin:articles_gazetteerentry_change", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        from timeline.models import Event

        if self.kind == self.Kind.TRIGGER and self.canonical not in Event.Kind.values:
            raise ValidationError(
                {"canonical": f"For a trigger, the event kind it gives: one of {', '.join(Event.Kind.values)}."}
            )
