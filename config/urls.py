from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Diplomatic timeline: curation"
admin.site.site_title = "Diplomatic timeline"
admin.site.index_title = "Curate articles, actors and events"

urlpatterns = [
    path("", include("ops.urls")),  # /health, and the throttled admin login ahead of the admin's own
    path("admin/", admin.site.urls),
    path("", include("timeline.urls")),
]
