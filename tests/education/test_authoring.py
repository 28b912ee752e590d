"""Authoring without traps: what an editor meets while writing a lesson in the admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LESSON_TYPES = ["videolesson", "comiclesson", "casestudy", "scamscenario"]


def add_url(model_name, parent):
    return reverse("wagtailadmin_pages:add", args=("education", model_name, parent.pk))


# --- the slug follows the title (issue 12, part 4) ------------------------------------------


@pytest.mark.parametrize("model_name", LESSON_TYPES)
def test_typing_the_title_fills_the_slug_on_every_lesson_type(admin_client, library,
                                                               model_name):
    """Wagtail's own pages sync the slug from the title (TitleFieldPanel's w-sync controller),
    so "Save draft" never fails on the Promote tab an editor has not opened."""
    response = admin_client.get(add_url(model_name, library))
    assert response.status_code == 200
    title = response.context["form"]["title"]
    html = str(response.content.decode())
    assert 'data-w-sync-target-value="#id_slug"' in html
    attrs = title.field.widget.attrs
    assert "w-sync" in attrs.get("data-controller", "")
    assert "w-sync#apply" in attrs.get("data-action", "")
