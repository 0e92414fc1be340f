from django.contrib import admin
from django.urls import include, path

from exports.api import api as exports_api

admin.site.site_header = "Diplomatic timeline: curation"
admin.site.site_title = "Diplomatic timeline"
admin.site.index_title = "Curate articles, actors and events"
# The event list needs the width (filters on the right); the index and breadcrumbs lead everywhere.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", include("ops.urls")),  # /health, and the throttled admin login ahead of the admin's own
    path("admin/", admin.site.urls),
    path("", include("timeline.urls")),
    path("api/", exports_api.urls),
    path("", include("exports.urls")),
]
