from django.urls import path

from timeline import views

app_name = "timeline"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/<int:pk>-<slug:slug>/", views.event_detail, name="event"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
]
