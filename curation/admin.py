from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.html import format_html

from curation.models import Job
from curation.views import can_ingest, job_progress


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Imports and parses started from the admin; a job's page shows its progress and outcomes."""

    list_display = ["__str__", "state", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "state"]
    list_select_related = ["created_by"]

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
        total = obj.items.count()
        done = obj.items.exclude(status="pending").count()
        failed = obj.items.filter(status="failed").count()
        return format_html("{} of {}{}", done, total, f", {failed} failed" if failed else "")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = get_object_or_404(Job.objects.select_related("created_by"), pk=object_id)
        return job_progress(self, request, job)
