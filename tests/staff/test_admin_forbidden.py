"""The admin's one "no access" page (staff.views.admin_forbidden), as each role meets it.

Two screens that use it, one per side of the house: the reach reports (Marketing and
administrators only) and the translation report (the content roles, not Marketing). A role
refused a screen gets a real 403 inside the admin, saying what the screen is and how to get
access, with a way back to the dashboard; a role allowed gets the screen; nobody logged out
sees it (they are sent to the login page).
"""

import pytest
from django.urls import reverse

FORBIDDEN_TEMPLATE = "staff/admin_forbidden.html"

SCREENS = {
    "reach reports": (reverse, "campaigns_reports", "No access to reach reports",
                      "Can view reach reports"),
    "translation report": (None, "/admin/reports/lesson-translations/",
                           "No access to the translation report",
                           "editors, reviewers and administrators"),
}

# Who is refused which screen; everyone else in ROLES may use it.
REFUSED = {
    "editor": {"reach reports"},
    "reviewer": {"reach reports"},
    "marketing": {"translation report"},
    "administrators group": set(),
    "superuser": set(),
}


def _url(screen):
    resolve, target, _title, _hint = SCREENS[screen]
    return resolve(target) if resolve else target


@pytest.fixture
def users(editor, reviewer, marketer, administrator, make_user):
    return {"editor": editor, "reviewer": reviewer, "marketing": marketer,
            "administrators group": administrator,
            "superuser": make_user("root", superuser=True)}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(REFUSED))
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_each_role_gets_the_screen_or_the_no_access_page(role, screen, users, client_for):
    response = client_for(users[role]).get(_url(screen))
    templates = [template.name for template in response.templates]
    if screen in REFUSED[role]:
        _resolve, _target, title, hint = SCREENS[screen]
        page = response.content.decode()
        assert response.status_code == 403
        assert FORBIDDEN_TEMPLATE in templates
        assert title in page  # the header names the screen
        assert hint in page  # and says who may use it
        assert f'href="{reverse("wagtailadmin_home")}"' in page  # a way back
    else:
        assert response.status_code == 200
        assert FORBIDDEN_TEMPLATE not in templates


@pytest.mark.django_db
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_logged_out_visitors_go_to_the_login_page_not_the_no_access_page(screen, client):
    response = client.get(_url(screen))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
