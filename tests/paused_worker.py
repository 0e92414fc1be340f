"""`manage.py` with one test hook: the worker stops dead inside the N-th item's write, for a test to kill it.

    PAUSE_AT_ITEM=2 PAUSE_MARKER=/tmp/marker python -m tests.paused_worker db_worker ...

runs the real command (here the real `db_worker`, on the real database), except that when a job
item's outcome is about to be saved for the N-th time, the process writes the item (name, article
id) to PAUSE_MARKER as JSON and blocks for good, inside whatever transaction the worker has open.
The test waits for the marker, which is a real point in the work rather than a guess in seconds,
and then SIGKILLs the process. Without PAUSE_AT_ITEM this is plain `manage.py`.
"""

import json
import os
import sys
import threading
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if os.environ.get("PAUSE_AT_ITEM"):
        _pause_at_item(int(os.environ["PAUSE_AT_ITEM"]), Path(os.environ["PAUSE_MARKER"]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *sys.argv[1:]])


def _pause_at_item(number: int, marker: Path) -> None:
    from django.db.models.signals import pre_save

    from curation.models import JobItem

    seen = []

    def pause(sender, instance, **kwargs):
        if instance.status == JobItem.PENDING:
            return
        seen.append(instance.pk)
        if len(seen) != number:
            return
        staged = marker.with_suffix(".tmp")
        staged.write_text(json.dumps({"item": instance.name, "article_id": instance.article_id}))
        staged.replace(marker)  # the test never reads a half-written marker
        threading.Event().wait()  # until SIGKILL

    pre_save.connect(pause, sender=JobItem, weak=False)


if __name__ == "__main__":
    main()
