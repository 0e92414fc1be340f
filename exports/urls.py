from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from exports import views
from exports.caching import etag_by_timeline
from exports.feeds import EventsFeed
from exports.sitemaps import SITEMAPS

app_name = "exports"

urlpatterns = [
    path("feeds/events.atom", etag_by_timeline(EventsFeed()), name="feed"),
    path("feeds/actors/<slug:slug>.atom", etag_by_timeline(EventsFeed()), name="actor-feed"),
    path("exports/events.ics", views.calendar, name="calendar"),
    path("exports/timelinejs.json", views.timelinejs_export, name="timelinejs"),
    path("exports/events.csv", views.eventdata_csv, name="csv"),
    path("exports/events.jsonl", views.eventdata_jsonl, name="jsonl"),
    path("embed/", views.embed, name="embed"),
    path("embed/events/<int:pk>/", views.embed_event, name="embed-event"),
    path("oembed/", views.oembed, name="oembed"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "exports:sitemap"},
        name="sitemap-index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
