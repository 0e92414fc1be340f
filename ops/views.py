from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ops.health import run_checks


@never_cache
@require_GET
def health(request):
    """Database reachable, migrations applied, task worker keeping up: JSON, no login, never cached."""
    body, status = run_checks()
    return JsonResponse(body, status=status, json_dumps_params={"indent": 1})


@require_GET
def plain(request):
    """A fixed string through the whole middleware stack: the framework's own ceiling, for bench/load.py."""
    return HttpResponse(b"ok\n", content_type="text/plain")
