from django.conf import settings
from django.urls import path

from ops import throttle, views

app_name = "ops"

urlpatterns = [
    path("health", views.health, name="health"),
    # Before the admin's own URLs: the same login page, answering 429 while throttled.
    path("admin/login/", throttle.login, name="admin-login"),
]
if settings.BENCH_PLAIN_VIEW:
    urlpatterns.append(path("bench/plain", views.plain, name="bench-plain"))
