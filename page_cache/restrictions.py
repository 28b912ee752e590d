"""Which view restrictions apply to a page, answered from memory until the next publish.

Before serving a page Wagtail reads its ancestors and their view restrictions (two queries)
for an answer that changes only when a restriction or the tree changes, which purges the
generation (``page_cache.signal_handlers``). Page models take ``RememberedViewRestrictionsMixin``
to answer from the restricted sections remembered here; listings use ``restricted_sections``.
"""

from wagtail.models import Page, PageViewRestriction

from .memo import generation_memo


def restricted_sections():
    """(tree path, restriction id) of every view restriction on the site, remembered per
    generation: a handful of rows, read by every page view and every public listing."""
    return generation_memo(
        "restricted-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "pk")),
    )


def view_restrictions(page):
    """The view restrictions that apply to ``page`` (on it or an ancestor), as Wagtail's
    ``Page.get_view_restrictions`` finds them: a queryset, but with no query to run for a
    page outside every restricted section (an empty ``none()``), the usual case.

    Aliases take their source page's restrictions, so for an alias (one made since the
    generation began included), and while any alias exists beside a restriction, Wagtail's
    own lookup answers instead (None).
    """
    restricted = restricted_sections()
    if page.alias_of_id or (restricted and _aliases_exist()):
        return None
    ids = [pk for path, pk in restricted if page.path.startswith(path)]
    objects = PageViewRestriction.objects
    return objects.filter(pk__in=ids) if ids else objects.none()


def _aliases_exist():
    return generation_memo(
        "aliases-exist", lambda: Page.objects.filter(alias_of__isnull=False).exists()
    )


class RememberedViewRestrictionsMixin:
    """For page models: view restrictions from ``view_restrictions`` (memory), falling back
    to Wagtail's query when aliases make the answer depend on more than tree paths."""

    def get_view_restrictions(self):
        restrictions = view_restrictions(self)
        return super().get_view_restrictions() if restrictions is None else restrictions
