import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from articles.curators import CURATORS


class Command(BaseCommand):
    help = (
        "Create a curator login (staff, in the curators group). The password comes from "
        "CURATOR_PASSWORD or --password; otherwise one is generated and printed once. "
        "An existing user is only added to the group, and its password is left alone "
        "unless one is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="curator")
        parser.add_argument("--password", help="Default: $CURATOR_PASSWORD, else a generated one.")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, password, email, **options):
        password = password or os.environ.get("CURATOR_PASSWORD")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email, "is_staff": True})
        user.is_staff = True
        generated = False
        if created and not password:
            password, generated = secrets.token_urlsafe(12), True
        if password:
            user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=CURATORS))
        if generated:
            self.stdout.write(f"Curator login: {username} / {password}  (shown once; change it in the admin)")
        elif created:
            self.stdout.write(f"Curator login: {username} (password from the environment)")
        else:
            self.stdout.write(f"Curator login {username} already exists" + (": password updated" if password else ""))
