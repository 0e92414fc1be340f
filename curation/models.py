"""Background jobs started from the admin: an import of files, or a parse of articles.

A job has one item per file or article. The worker (curation.tasks.run_job) works through the
items still pending, so a job whose worker stopped half-way can be enqueued again and goes on
where it was. The progress page counts the items done; the outcome table lists them.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT = "import", "Import of files"
        PARSE = "parse", "Parse into the timeline"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Stopped by an error"

    kind = models.CharField(max_length=10, choices=Kind.choices, help_text="What the job does.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED, help_text="Where the job is.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curation_jobs",
        help_text="The curator who started the job.",
    )
    options = models.JSONField(
        default=dict, blank=True, help_text="What the curator gave for every file: outlet, credit, URL, date."
    )
    task_id = models.CharField(max_length=64, blank=True, help_text="The id of the background task running the job.")
    error = models.TextField(blank=True, help_text="Why the job stopped, if an error stopped it.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True, help_text="When a worker started the job.")
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When the job finished.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="curation_job_state_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:curation_job_change", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class JobItem(models.Model):
    PENDING = "pending"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(help_text="The item's place in the job, from 1.")
    name = models.CharField(max_length=500, help_text="The file name, or the article's title.")
    path = models.CharField(max_length=1000, blank=True, help_text="A file on the server (seed imports).")
    raw = models.BinaryField(null=True, blank=True, help_text="The uploaded bytes, kept until the file is imported.")
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article imported or parsed.",
    )
    status = models.CharField(
        max_length=20,
        default=PENDING,
        help_text="pending, then the outcome: created, unchanged, updated, needs_date, parsed or failed.",
    )
    reason = models.TextField(blank=True, help_text="The outcome in one line, or why it failed.")
    report = models.JSONField(default=dict, blank=True, help_text="What a parse created and merged.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="curation_item_unique_position")]

    def __str__(self):
        return f"{self.name}: {self.status}"

    def get_absolute_url(self):
        return self.job.get_absolute_url()
