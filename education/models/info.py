"""Pages that tell a stranger who runs the site: About, Privacy, Contact (``InfoPage``).

One simple page type under each language's home page. Editors write them in English and
translate them with wagtail-localize like any other page. Those with "Show in menus" ticked
are linked from every page's footer, in the reader's language (``education.navigation
.footer_links``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from page_cache.restrictions import RememberedViewRestrictionsMixin

INFO_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class InfoPage(RememberedViewRestrictionsMixin, Page):
    """A plain page of text: who we are, what we measure, how to reach us."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"],
        help_text=_("One or two plain sentences under the title."),
    )
    body = RichTextField(_("body text"), features=INFO_TEXT_FEATURES)

    parent_page_types = ["education.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = Page.promote_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("body"),
    ]

    template = "education/info_page.html"

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
