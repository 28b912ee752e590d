"""Create the demo administrator for a local install and print its login.

The password is random, made on first use and kept in ``.demo-login`` (git-ignored, readable
by its owner only) so that `make run` can print the same login every time.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create (once) the demo administrator and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--login-file", default=str(Path(settings.BASE_DIR) / ".demo-login"))

    def handle(self, *args, **options):
        login_file = Path(options["login_file"])
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        password = login_file.read_text().strip() if login_file.exists() else None

        if user is None or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser(
                    USERNAME, email="admin@example.invalid", password=password,
                    first_name="Demo", last_name="Administrator",
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            login_file.write_text(password + "\n")
            os.chmod(login_file, 0o600)

        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: {settings.WAGTAILADMIN_BASE_URL}/admin/  "
                f"user: {USERNAME}  password: {password}"
            )
        )
