from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations and security plumbing: /health, login throttling, CSP helpers, the benchmark view."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from ops import throttle

        throttle.install()
