"""`make run` prints one demo login per role; the passwords are made once and kept private."""

import stat

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from staff.roles import ADMINISTRATORS, EDITORS, MARKETING, REVIEWERS

pytestmark = pytest.mark.django_db

ROLES = {"admin": ADMINISTRATORS, "editor": EDITORS, "reviewer": REVIEWERS,
         "marketing": MARKETING}


def run(login_file, capsys):
    call_command("create_demo_admin", "--login-file", str(login_file))
    return capsys.readouterr().out


def logins(login_file):
    return dict(line.split() for line in login_file.read_text().splitlines())


def test_one_login_per_role_is_created_and_printed(tmp_path, capsys):
    login_file = tmp_path / ".demo-login"
    out = run(login_file, capsys)
    kept = logins(login_file)
    assert set(kept) == set(ROLES)
    for username, group in ROLES.items():
        assert f"user: {username}" in out and kept[username] in out and group in out
        user = authenticate(username=username, password=kept[username])
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.email
    assert get_user_model().objects.get(username="admin").is_superuser
    assert not get_user_model().objects.get(username="editor").is_superuser


def test_the_login_file_is_readable_by_its_owner_only(tmp_path, capsys):
    login_file = tmp_path / ".demo-login"
    run(login_file, capsys)
    assert stat.S_IMODE(login_file.stat().st_mode) == 0o600
    login_file.chmod(0o644)
    run(login_file, capsys)
    assert stat.S_IMODE(login_file.stat().st_mode) == 0o600


def test_running_again_changes_nothing(tmp_path, capsys):
    login_file = tmp_path / ".demo-login"
    first = run(login_file, capsys)
    before = login_file.read_text()
    hashes = dict(get_user_model().objects.values_list("username", "password"))
    assert run(login_file, capsys) == first
    assert login_file.read_text() == before
    assert dict(get_user_model().objects.values_list("username", "password")) == hashes


def test_an_old_admin_only_login_file_is_kept_and_extended(tmp_path, capsys):
    get_user_model().objects.create_superuser("admin", password="old-admin-password-1")
    login_file = tmp_path / ".demo-login"
    login_file.write_text("old-admin-password-1\n")
    run(login_file, capsys)
    assert logins(login_file)["admin"] == "old-admin-password-1"
    assert set(logins(login_file)) == set(ROLES)


def test_a_lost_password_is_replaced(tmp_path, capsys):
    login_file = tmp_path / ".demo-login"
    run(login_file, capsys)
    login_file.unlink()
    run(login_file, capsys)
    for username, password in logins(login_file).items():
        assert authenticate(username=username, password=password) is not None


def test_make_demo_gives_the_admin_address_of_its_host_and_port(tmp_path):
    """`make run PORT=…` printed the logins for port 8000 whatever the port (and review
    e-mails linked there): the demo steps now run with WAGTAILADMIN_BASE_URL of HOST:PORT."""
    import os
    import subprocess
    from pathlib import Path

    fake_python = tmp_path / "python"
    fake_python.write_text('#!/bin/sh\necho "$2 $WAGTAILADMIN_BASE_URL"\n')
    fake_python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"}
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed-run", "demo", "PORT=8123",
         f"PY={fake_python}"],
        cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "create_demo_admin http://127.0.0.1:8123" in result.stdout
