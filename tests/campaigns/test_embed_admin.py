"""The embed snippet in the admin: on the link listing and in each link of the campaign form,
for the roles that may see links only, escaped, with the origins validated when saved."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campaigns.embedding import embed_snippet
from campaigns.models import Campaign, TrackingLink

pytestmark = pytest.mark.django_db

LISTING = "/admin/campaigns/links/"
PARTNER = "https://partner.example"


@pytest.fixture
def lesson(make_case):
    return make_case(title='The "bank" <b>text</b>', slug="bank-text")


@pytest.fixture
def campaign(db):
    return Campaign.objects.create(
        name="Partner week", slug="partner-week", starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )


@pytest.fixture
def partner_link(campaign, lesson):
    return TrackingLink.objects.create(
        campaign=campaign, code="council-site", channel="partner_app", label="Council website",
        destination=lesson, embed_origins=PARTNER,
    )


def snippet_in(page_html, link):
    """The snippet as the textarea shows it, unescaped once (what a copy gives)."""
    found = re.search(rf'<textarea id="embed-snippet-{link.pk}"(?:[^>"]|"[^"]*")*>(.*?)</textarea>',
                      page_html, re.S)
    return html.unescape(found[1]) if found else None


def test_the_listing_gives_a_copyable_snippet(client_for, marketer, partner_link, lesson):
    page = client_for(marketer).get(LISTING).content.decode()
    snippet = snippet_in(page, partner_link)
    assert snippet == embed_snippet(partner_link)
    assert snippet.startswith('<iframe src="http://localhost/embed/council-site/" ')
    assert 'loading="lazy"' in snippet and "max-width:720px" in snippet
    # the lesson title is escaped inside the snippet, and the snippet again on the page
    assert 'title="ScamSense lesson: The &quot;bank&quot; &lt;b&gt;text&lt;/b&gt;"' in snippet
    assert "<iframe" not in page and "<b>text</b>" not in page
    assert 'data-action="w-clipboard#copy"' in page and "readonly" in page


def test_the_snippet_uses_the_public_address(settings, client_for, marketer, partner_link):
    settings.PUBLIC_BASE_URL = "https://scamsense.example"
    page = client_for(marketer).get(LISTING).content.decode()
    assert snippet_in(page, partner_link).startswith(
        '<iframe src="https://scamsense.example/embed/council-site/" '
    )


def test_the_snippet_title_is_in_the_lessons_language(campaign, lesson, translate, zh_site):
    chinese = translate(lesson, title="银行短信")
    link = TrackingLink.objects.create(campaign=campaign, code="zh-partner", channel="partner_app",
                                       destination=chinese, embed_origins=PARTNER)
    assert 'title="ScamSense 课程：银行短信"' in embed_snippet(link)


def test_a_link_without_partner_sites_says_what_to_do(client_for, marketer, partner_link):
    partner_link.embed_origins = ""
    partner_link.save()
    page = client_for(marketer).get(LISTING).content.decode()
    assert snippet_in(page, partner_link) is None
    assert "browsers refuse to show the lesson in another site" in page


def test_the_campaign_form_shows_the_snippet_in_the_link(client_for, marketer, partner_link):
    page = client_for(marketer).get(
        f"/admin/campaigns/edit/{partner_link.campaign_id}/"
    ).content.decode()
    assert snippet_in(page, partner_link) == embed_snippet(partner_link)
    assert "<iframe" not in page


def test_the_campaign_form_explains_a_destination_that_cannot_be_embedded(
        client_for, marketer, campaign, library):
    link = TrackingLink.objects.create(campaign=campaign, code="to-library", channel="partner_app",
                                       destination=library, embed_origins=PARTNER)
    page = client_for(marketer).get(f"/admin/campaigns/edit/{campaign.pk}/").content.decode()
    assert snippet_in(page, link) is None
    assert "Only a live, public lesson can be embedded" in page


@pytest.mark.parametrize("role", ["marketer", "administrator"])
def test_roles_that_may_see_links_get_the_snippet(client_for, request, role, partner_link):
    client = client_for(request.getfixturevalue(role))
    assert snippet_in(client.get(LISTING).content.decode(), partner_link)
    form = client.get(f"/admin/campaigns/edit/{partner_link.campaign_id}/").content.decode()
    assert snippet_in(form, partner_link)


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_other_roles_never_see_it(client_for, request, role, partner_link):
    client = client_for(request.getfixturevalue(role))
    for url in (LISTING, f"/admin/campaigns/edit/{partner_link.campaign_id}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "embed-snippet" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, partner_link):
    response = client.get(LISTING)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_listing_query_count_does_not_grow_with_embeddable_rows(
        client_for, marketer, campaign, lesson):
    client = client_for(marketer)

    def queries_for(count):
        TrackingLink.objects.all().delete()
        for n in range(count):
            TrackingLink.objects.create(campaign=campaign, channel="partner_app", label=f"Site {n}",
                                        destination=lesson, embed_origins=PARTNER)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LISTING).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(8)


def _form(campaign, link, origins):
    return nested_form_data({
        "name": campaign.name, "slug": campaign.slug, "objective": "",
        "starts_on": campaign.starts_on.isoformat(), "ends_on": campaign.ends_on.isoformat(),
        "reach_goal": "",
        "links": inline_formset([{
            "id": link.pk, "code": link.code, "channel": link.channel, "label": link.label,
            "destination": link.destination_id, "embed_origins": origins,
        }], initial=1),
    })


def test_origins_are_normalised_when_saved(client_for, marketer, partner_link):
    response = client_for(marketer).post(
        f"/admin/campaigns/edit/{partner_link.campaign_id}/",
        _form(partner_link.campaign, partner_link,
              "HTTPS://Partner.Example/\r\nhttps://council.example:443\r\n\r\n"),
    )
    form = response.context and response.context.get("form")
    assert response.status_code == 302, form and (form.errors, form.formsets["links"].errors)
    partner_link.refresh_from_db()
    assert partner_link.embed_origins == "https://partner.example\nhttps://council.example"


def test_invalid_origins_are_refused_with_a_message(client_for, marketer, partner_link):
    response = client_for(marketer).post(
        f"/admin/campaigns/edit/{partner_link.campaign_id}/",
        _form(partner_link.campaign, partner_link,
              "https://partner.example/lessons\r\nhttp://evil.example"),
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "“https://partner.example/lessons” is not an origin" in page
    assert "“http://evil.example”: partner sites must use https://" in page
    partner_link.refresh_from_db()
    assert partner_link.embed_origins == PARTNER
