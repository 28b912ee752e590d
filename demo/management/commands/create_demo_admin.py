"""Create the demo users, one per role, for a local install and print their logins.

Roles are the groups created by the reviews app's migration (administrators, editors,
consumer-protection reviewers, marketing); this command only looks them up by name.
Passwords are random, made on first use and kept in ``.demo-login`` (git-ignored, readable by
its owner only, one ``username password`` line per user) so that `make run` prints the same
logins every time. Running it again changes nothing unless a user or password has gone.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# (username, group, superuser, first name, last name)
DEMO_USERS = [
    ("admin", "Administrators", True, "Demo", "Administrator"),
    ("editor", "Editors", False, "Demo", "Editor"),
    ("reviewer", "Consumer-protection reviewers", False, "Demo", "Reviewer"),
    ("marketing", "Marketing", False, "Demo", "Marketer"),
]
USERNAME = "admin"  # the first login, as before


def read_logins(path):
    """``{username: password}`` from the login file (a bare line is the old admin-only form)."""
    logins = {}
    if not path.exists():
        return logins
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 1:
            logins.setdefault(USERNAME, parts[0])
        elif len(parts) == 2:
            logins[parts[0]] = parts[1]
    return logins


def write_logins(path, logins):
    """Write the file readable by its owner only, from the first byte on."""
    text = "".join(f"{username} {logins[username]}\n" for username, *_ in DEMO_USERS)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(text)


class Command(BaseCommand):
    help = "Create (once) a demo user per role and print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--login-file", default=str(Path(settings.BASE_DIR) / ".demo-login"))

    @transaction.atomic
    def handle(self, *args, **options):
        login_file = Path(options["login_file"])
        User = get_user_model()
        logins = read_logins(login_file)
        changed = not login_file.exists()

        for username, group_name, superuser, first_name, last_name in DEMO_USERS:
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                raise CommandError(
                    f"The group {group_name!r} does not exist: run `manage.py migrate` first "
                    "(the reviews app's migration creates the roles)."
                )
            user = User.objects.filter(username=username).first()
            password = logins.get(username)
            if user is None:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(
                    username, email=f"{username}@example.invalid", password=password,
                    first_name=first_name, last_name=last_name,
                    is_superuser=superuser, is_staff=superuser,
                )
                changed = True
            elif password is None or not user.check_password(password):
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
                changed = True
            logins[username] = password
            user.groups.add(group)

        if changed or os.stat(login_file).st_mode & 0o077:
            write_logins(login_file, logins)

        url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        self.stdout.write(self.style.SUCCESS(f"Demo logins for {url} (kept in {login_file.name}):"))
        for username, group_name, *_ in DEMO_USERS:
            self.stdout.write(
                self.style.SUCCESS(
                    f"  {group_name + ':':<31} user: {username:<10} password: {logins[username]}"
                )
            )
