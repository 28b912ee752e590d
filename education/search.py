"""Site search over live, public pages (Wagtail's database search backend)."""

from wagtail.models import Page

MAX_MATCHES = 500


def search_page_ids(query, model=Page):
    """Ids of live, public pages of ``model`` matching ``query``, best match first."""
    matches = model.objects.live().public().search(query, operator="and")
    return [page.pk for page in matches[:MAX_MATCHES]]
