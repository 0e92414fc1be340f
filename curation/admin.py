from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.html import format_html

from curation.models import Job, JobItem
from curation.tasks import resume
from curation.views import can_ingest, job_progress


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Imports and parses started from the admin; a job's page shows its progress and outcomes."""

    list_display = ["__str__", "state", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "state"]
    list_select_related = ["created_by"]
    actions = ["resume_jobs"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _total=Count("items"),
                _done=Count("items", filter=~Q(items__status=JobItem.PENDING)),
                _failed=Count("items", filter=Q(items__status="failed")),
            )
        )

    def has_ingest_permission(self, request):
        return can_ingest(request)

    @admin.action(description="Run the selected jobs again where they stopped", permissions=["ingest"])
    def resume_jobs(self, request, queryset):
        """For a job whose worker stopped half-way (killed, or the job stuck "running"): the items still
        waiting are done, the others kept."""
        resumed = sum(1 for job in queryset if resume(job))
        self.message_user(request, f"{resumed} job{'s' if resumed != 1 else ''} queued again.")

    # Jobs are made by the import page and the parse action, and kept as a record.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return can_ingest(request)

    def has_module_permission(self, request):
        return can_ingest(request)

    @admin.display(description="Progress")
    def progress(self, obj):
        failed = f", {obj._failed} failed" if obj._failed else ""
        return format_html("{} of {}{}", obj._done, obj._total, failed)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = get_object_or_404(Job.objects.select_related("created_by"), pk=object_id)
        return job_progress(self, request, job)
