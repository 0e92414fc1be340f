from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles.curators import CURATORS, sync_curator_group

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def pytest_collection_modifyitems(config, items):
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED} is absent (it holds others' articles and corpora)")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("cura", password="a long curator password", is_staff=True)
    # Transactional tests flush the tables, the group from the data migration included.
    sync_curator_group(apps)
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def staff_client(client, django_user_model):
    """A staff user outside the curators group: may log in to the admin, may not curate."""
    user = django_user_model.objects.create_user("plain", password="another long password", is_staff=True)
    client.force_login(user)
    return client
