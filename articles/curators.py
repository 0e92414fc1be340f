"""The "curators" group: who may import articles and edit the timeline."""

CURATORS = "curators"

# app label -> model -> permission codenames (besides the model's own add/change/view/delete).
CURATOR_MODELS = {
    "articles": ["article", "gazetteerentry"],
    "timeline": ["actor", "event", "participation", "evidence", "place"],
}
EXTRA_PERMISSIONS = {("articles", "ingest_article")}
# Curators reject events and merge actors instead of deleting them; inline rows may be removed.
NO_DELETE = {("articles", "article"), ("timeline", "actor"), ("timeline", "event")}


def sync_curator_group(apps, schema_editor=None):
    """Create the group if needed and give it exactly the curator permissions.

    Usable from data migrations (with their historical `apps`) and from code (with django.apps).
    """
    from django.contrib.auth.management import create_permissions

    for label in CURATOR_MODELS:
        config = apps.get_app_config(label)
        # Permissions are normally made after `migrate`; make them now so the group can hold them.
        had_models = getattr(config, "models_module", None)
        config.models_module = had_models or True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = had_models

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = []
    for label, models in CURATOR_MODELS.items():
        for model in models:
            try:
                apps.get_model(label, model)
            except LookupError:
                continue  # an earlier migration, before the model existed
            for action in ("add", "change", "view", "delete"):
                if action == "delete" and (label, model) in NO_DELETE:
                    continue
                wanted.append((label, f"{action}_{model}"))
    wanted.extend(sorted(EXTRA_PERMISSIONS))
    perms = [Permission.objects.get(content_type__app_label=label, codename=code) for label, code in wanted]
    group, _ = Group.objects.get_or_create(name=CURATORS)
    group.permissions.set(perms)
