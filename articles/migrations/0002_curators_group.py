from django.db import migrations

from articles.curators import sync_curator_group


class Migration(migrations.Migration):
    """The "curators" group, with the permissions to ingest articles and edit the timeline."""

    dependencies = [
        ("articles", "0001_initial"),
        ("timeline", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_curator_group, migrations.RunPython.noop)]
