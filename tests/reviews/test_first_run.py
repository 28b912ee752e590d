"""What a fresh install shows in the admin must not read as broken (issue 12, part 8)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_avatars_are_served_by_the_site_itself(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar.com" not in html
    assert "default-user-avatar" in html
