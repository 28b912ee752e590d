"""The marketing admin: campaigns with inline tracking links, the link listing, QR codes
(SVG / PNG, made with segno) and the printable A4 poster, behind the model permissions."""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image, ImageOps
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campaigns import qr
from campaigns.models import Campaign, DailyRollup, ReachEvent, TrackingLink
from tests.campaigns.conftest import campaign_user

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
CAMPAIGN_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("campaign", "trackinglink")
]


# --- fixtures -------------------------------------------------------------------------------

@pytest.fixture
def poster_lesson(make_case):
    return make_case(title="The parcel fee text", slug="parcel-fee-text")


@pytest.fixture
def draft_lesson(make_case):
    return make_case(title="Unfinished draft lesson", slug="unfinished-draft", live=False)


@pytest.fixture
def autumn(db):
    return Campaign.objects.create(
        name="Autumn posters", slug="autumn-posters", starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 11, 30), reach_goal=5000,
    )


@pytest.fixture
def other_campaign(db):
    return Campaign.objects.create(
        name="Winter talks", slug="winter-talks", starts_on=dt.date(2025, 12, 1),
        ends_on=dt.date(2026, 2, 28),
    )


@pytest.fixture
def poster_link(autumn, poster_lesson):
    return TrackingLink.objects.create(
        campaign=autumn, code="parcel-rvs", channel="poster",
        label="Poster, Riverside community centre", destination=poster_lesson,
    )


@pytest.fixture
def other_link(other_campaign, poster_lesson):
    return TrackingLink.objects.create(
        campaign=other_campaign, code="winter-sms", channel="sms", label="SMS to members",
        destination=poster_lesson,
    )


@pytest.fixture
def marketer(client):
    """Admin access and every campaign and tracking link permission (not a superuser)."""
    client.force_login(campaign_user("marketer", CAMPAIGN_PERMISSIONS))
    return client



def _record_reach(link):
    now = timezone.now()
    ReachEvent.objects.create(
        event_type="link_open", page_id=link.destination_id, link=link,
        campaign=link.campaign, visitor_key="k" * 32, qualified=False, received_at=now,
        day=now.date(),
    )


# --- QR decoding helpers ----------------------------------------------------------------------

def expected_matrix(url):
    return [[bool(cell) for cell in row] for row in segno.make_qr(url, error="m").matrix]


def matrix_from_png(data, size):
    """Read the modules back from the picture: the dark area's box, sampled module by module."""
    image = Image.open(io.BytesIO(data)).convert("L")
    left, top, right, bottom = ImageOps.invert(image).getbbox()
    scale = (right - left) / size
    assert scale == int(scale) and (bottom - top) == right - left
    pixels = image.load()
    half = int(scale) // 2
    matrix = [
        [pixels[left + col * int(scale) + half, top + row * int(scale) + half] < 128
         for col in range(size)]
        for row in range(size)
    ]
    return matrix, left / scale, image.size


def matrix_from_svg(root):
    """segno draws dark modules as horizontal runs: 'M x y.5' then 'h n' / 'm dx dy'."""
    dark = [el for el in root.iter(f"{SVG_NS}path") if el.get("stroke")]
    assert len(dark) == 1
    x = y = 0.0
    cells = set()
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", dark[0].get("d")):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            cells.update((int(y), int(x) + i) for i in range(int(float(a))))
            x += float(a)
    return cells


# --- screens ----------------------------------------------------------------------------------

def test_listings_and_forms_render_for_a_permitted_user(marketer, autumn, poster_link):
    listing = marketer.get("/admin/campaigns/")
    assert listing.status_code == 200
    assert "Autumn posters" in listing.content.decode()
    assert "1 link" in listing.content.decode()

    links = marketer.get("/admin/campaigns/links/").content.decode()
    for text in ["parcel-rvs", "http://localhost/go/parcel-rvs", "QR poster",
                 "Poster, Riverside community centre", "The parcel fee text", "Autumn posters",
                 f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/qr.svg",
                 f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/qr.png",
                 f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/poster/"]:
        assert text in links

    assert marketer.get("/admin/campaigns/new/").status_code == 200
    edit = marketer.get(f"/admin/campaigns/edit/{autumn.pk}/").content.decode()
    assert 'name="links-0-destination"' in edit
    assert "http://localhost/go/parcel-rvs" in edit  # the link tools inside the inline form
    assert f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/poster/" in edit
    assert "campaigns_live_destination" in edit  # the live-pages-only page chooser


def test_the_campaigns_menu_shows_only_to_permitted_users(marketer, client, autumn):
    assert '"/admin/campaigns/"' in marketer.get("/admin/").content.decode()
    client.logout()
    client.force_login(campaign_user("reader"))
    assert '"/admin/campaigns/"' not in client.get("/admin/").content.decode()


def test_links_can_be_filtered_by_campaign_and_channel_and_searched(
    marketer, poster_link, other_link, other_campaign
):
    def codes(query):
        html = marketer.get(f"/admin/campaigns/links/{query}").content.decode()
        return {code for code in ("parcel-rvs", "winter-sms") if code in html}

    assert codes("") == {"parcel-rvs", "winter-sms"}
    assert codes(f"?campaign={other_campaign.pk}") == {"winter-sms"}
    assert codes("?channel=poster") == {"parcel-rvs"}
    assert codes("?q=riverside") == {"parcel-rvs"}
    assert codes("?q=winter") == {"winter-sms"}
    html = marketer.get("/admin/campaigns/links/?ordering=-code").content.decode()
    assert html.index("winter-sms") < html.index("parcel-rvs")


def test_the_link_listing_query_count_does_not_grow_with_rows(marketer, autumn, poster_lesson):
    def queries_for(count):
        TrackingLink.objects.all().delete()
        for n in range(count):
            TrackingLink.objects.create(campaign=autumn, channel="poster", label=f"Spot {n}",
                                        destination=poster_lesson)
        with CaptureQueriesContext(connection) as captured:
            assert marketer.get("/admin/campaigns/links/").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(8)


def test_the_campaign_listing_query_count_does_not_grow_with_rows(marketer, poster_lesson):
    def queries_for(count):
        Campaign.objects.all().delete()
        for n in range(count):
            campaign = Campaign.objects.create(name=f"Campaign {n}", slug=f"c-{n}",
                                               starts_on=dt.date(2025, 1, 1),
                                               ends_on=dt.date(2025, 2, 1))
            TrackingLink.objects.create(campaign=campaign, channel="sms",
                                        destination=poster_lesson)
        with CaptureQueriesContext(connection) as captured:
            assert marketer.get("/admin/campaigns/").status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(7)


def test_a_campaign_with_a_link_is_created_through_the_admin_form(marketer, poster_lesson):
    response = marketer.post("/admin/campaigns/new/", nested_form_data({
        "name": "Spring SMS", "slug": "spring-sms", "objective": "",
        "starts_on": "2026-03-01", "ends_on": "2026-03-31", "reach_goal": "2000",
        "links": inline_formset([
            {"code": "", "channel": "sms", "label": "SMS to new residents",
             "destination": poster_lesson.pk},
            {"code": "spring-hall", "channel": "poster", "label": "Town hall",
             "destination": poster_lesson.pk},
        ]),
    }))
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get(slug="spring-sms")
    links = {link.label: link for link in campaign.links.all()}
    assert set(links) == {"SMS to new residents", "Town hall"}
    assert links["Town hall"].code == "spring-hall"
    assert re.fullmatch(r"[a-z2-9]{7}", links["SMS to new residents"].code)
    assert links["Town hall"].destination_id == poster_lesson.pk


def _edit_data(campaign, links):
    return nested_form_data({
        "name": campaign.name, "slug": campaign.slug, "objective": "",
        "starts_on": campaign.starts_on.isoformat(), "ends_on": campaign.ends_on.isoformat(),
        "reach_goal": "",
        "links": inline_formset(links, initial=campaign.links.count()),
    })


def test_a_destination_that_is_not_live_is_refused(marketer, draft_lesson):
    response = marketer.post("/admin/campaigns/new/", nested_form_data({
        "name": "Draft test", "slug": "draft-test", "starts_on": "2026-03-01",
        "ends_on": "2026-03-31",
        "links": inline_formset([
            {"code": "", "channel": "sms", "label": "", "destination": draft_lesson.pk},
        ]),
    }))
    assert response.status_code == 200
    assert not Campaign.objects.filter(slug="draft-test").exists()
    assert not TrackingLink.objects.exists()
    html = response.content.decode()
    assert "is not published" in html
    assert "Unfinished draft lesson" in html


def test_the_root_page_and_private_pages_are_refused(marketer, poster_lesson, make_private):
    from wagtail.models import Page

    for page, message in [(Page.get_first_root_node(), "not the root"),
                          (make_private(poster_lesson), "is private")]:
        response = marketer.post("/admin/campaigns/new/", nested_form_data({
            "name": "Refused", "slug": "refused", "starts_on": "2026-03-01",
            "ends_on": "2026-03-31",
            "links": inline_formset([
                {"code": "", "channel": "sms", "label": "", "destination": page.pk},
            ]),
        }))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Campaign.objects.exists()


def test_the_destination_chooser_offers_live_pages_only(admin_client, library, poster_lesson,
                                                         draft_lesson):
    base = f"/admin/choose-page/{library.pk}/?page_type=wagtailcore.page"
    everything = admin_client.get(base).content.decode()
    assert "Unfinished draft lesson" in everything
    live_only = admin_client.get(f"{base}&user_perms=campaigns_live_destination")
    assert "The parcel fee text" in live_only.content.decode()
    assert "Unfinished draft lesson" not in live_only.content.decode()
    search = admin_client.get(
        "/admin/choose-page/search/?page_type=wagtailcore.page&q=Unfinished"
        "&user_perms=campaigns_live_destination"
    )
    assert "Unfinished draft lesson" not in search.content.decode()


def test_a_used_code_cannot_be_changed_and_a_used_link_cannot_be_deleted(
    marketer, autumn, poster_link, poster_lesson
):
    _record_reach(poster_link)
    url = f"/admin/campaigns/edit/{autumn.pk}/"
    row = {"id": poster_link.pk, "channel": "poster", "label": poster_link.label,
           "destination": poster_lesson.pk}

    response = marketer.post(url, _edit_data(autumn, [{**row, "code": "renamed"}]))
    assert response.status_code == 200
    assert "has recorded reach" in response.content.decode()

    response = marketer.post(url, _edit_data(autumn, [{**row, "code": "parcel-rvs",
                                                       "DELETE": "on"}]))
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    poster_link.refresh_from_db()
    assert poster_link.code == "parcel-rvs"

    response = marketer.post(url, _edit_data(autumn, [{**row, "code": "parcel-rvs",
                                                       "label": "Moved to the library"}]))
    assert response.status_code == 302
    poster_link.refresh_from_db()
    assert poster_link.label == "Moved to the library"


def test_an_unused_link_can_be_deleted(marketer, autumn, poster_link, poster_lesson):
    response = marketer.post(f"/admin/campaigns/edit/{autumn.pk}/", _edit_data(autumn, [
        {"id": poster_link.pk, "code": "parcel-rvs", "channel": "poster", "label": "",
         "destination": poster_lesson.pk, "DELETE": "on"},
    ]))
    assert response.status_code == 302
    assert not TrackingLink.objects.exists()


def test_a_campaign_with_reach_cannot_be_deleted(marketer, autumn, poster_link):
    DailyRollup.objects.create(day=dt.date(2025, 9, 2), campaign=autumn, page_id=0,
                               event_type=DailyRollup.ALL, unique_visitors=3)
    response = marketer.post(f"/admin/campaigns/delete/{autumn.pk}/")
    assert response.status_code == 302
    assert Campaign.objects.filter(pk=autumn.pk).exists()
    assert "cannot be deleted" in marketer.get(f"/admin/campaigns/delete/{autumn.pk}/")\
        .content.decode()

    DailyRollup.objects.all().delete()
    assert marketer.post(f"/admin/campaigns/delete/{autumn.pk}/").status_code == 302
    assert not Campaign.objects.filter(pk=autumn.pk).exists()


# --- QR codes ---------------------------------------------------------------------------------

def test_the_svg_download_is_a_scannable_qr_code_of_the_short_url(marketer, autumn,
                                                                   poster_link):
    response = marketer.get(f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="scamsense-parcel-rvs.svg"'
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("width").endswith("mm") and 50 <= float(root.get("width")[:-2]) <= 60
    url = "http://localhost/go/parcel-rvs"
    assert root.find(f"{SVG_NS}title").text == url

    expected = expected_matrix(url)
    size = len(expected)
    cells = matrix_from_svg(root)
    border = qr.QUIET_ZONE
    assert min(r for r, _ in cells) == border and min(c for _, c in cells) == border
    decoded = [[(row + border, col + border) in cells for col in range(size)]
               for row in range(size)]
    assert decoded == expected


def test_the_png_download_is_a_large_qr_code_of_the_short_url(marketer, autumn, poster_link):
    response = marketer.get(f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/qr.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="scamsense-parcel-rvs.png"'
    assert response.content.startswith(PNG_SIGNATURE)

    expected = expected_matrix("http://localhost/go/parcel-rvs")
    decoded, quiet_zone, (width, height) = matrix_from_png(response.content, len(expected))
    assert width == height and 1000 <= width <= 2000
    assert quiet_zone >= 4
    assert decoded == expected


def test_public_base_url_setting_wins_over_the_site(settings, marketer, autumn, poster_link):
    settings.PUBLIC_BASE_URL = "https://scamsense.example.org/"
    url = "https://scamsense.example.org/go/parcel-rvs"
    png = marketer.get(f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/qr.png").content
    expected = expected_matrix(url)
    assert matrix_from_png(png, len(expected))[0] == expected
    assert url in marketer.get("/admin/campaigns/links/").content.decode()


def test_a_public_base_url_without_a_scheme_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.PUBLIC_BASE_URL = "scamsense.example.org"
    with pytest.raises(ImproperlyConfigured):
        qr.public_base_url()


def test_the_codes_are_never_micro_qr_and_at_least_level_m():
    code = qr.make_qr("http://a.b/go/abc")
    assert not code.is_micro
    assert code.error in ("M", "Q", "H")


# --- poster -----------------------------------------------------------------------------------

def test_the_poster_is_a_printable_a4_sheet(marketer, autumn, poster_link):
    response = marketer.get(f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/poster/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "@page { size: A4; margin: 15mm }" in html
    assert "<h1 class=\"sheet__title\">The parcel fee text</h1>" in html
    assert "<svg" in html and 'class="poster__qr-code"' in html
    assert "http://localhost/go/parcel-rvs" in html
    assert ">localhost/go/parcel-rvs<" in html  # big type, for people who type it
    assert "Scan with your phone camera" in html
    assert "Autumn posters · QR poster · Poster, Riverside community centre" in html
    assert re.search(r'<img [^>]*class="sheet__image"', html)  # the lesson's card image


def test_the_poster_escapes_what_editors_typed(marketer, autumn, poster_link, poster_lesson):
    poster_link.label = "<script>alert(1)</script>"
    poster_link.save()
    html = marketer.get(f"/admin/campaigns/{autumn.pk}/links/{poster_link.pk}/poster/")\
        .content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_poster_for_a_page_that_is_not_a_lesson_has_no_image(marketer, autumn, home):
    link = TrackingLink.objects.create(campaign=autumn, channel="social", destination=home)
    html = marketer.get(f"/admin/campaigns/{autumn.pk}/links/{link.pk}/poster/")\
        .content.decode()
    assert "sheet--no-image" in html and "<img" not in html
    assert f"http://localhost/go/{link.code}" in html


# --- permissions ------------------------------------------------------------------------------

ADMIN_URLS = [
    "/admin/campaigns/",
    "/admin/campaigns/results/",
    "/admin/campaigns/new/",
    "/admin/campaigns/edit/{campaign}/",
    "/admin/campaigns/delete/{campaign}/",
    "/admin/campaigns/history/{campaign}/",
    "/admin/campaigns/usage/{campaign}/",
    "/admin/campaigns/inspect/{campaign}/",
    "/admin/campaigns/links/",
    "/admin/campaigns/links/results/",
    "/admin/campaigns/{campaign}/links/{link}/qr.svg",
    "/admin/campaigns/{campaign}/links/{link}/qr.png",
    "/admin/campaigns/{campaign}/links/{link}/poster/",
]
LINK_URLS = [url for url in ADMIN_URLS if "{link}" in url]


def _url(template, link):
    return template.format(campaign=link.campaign_id, link=link.pk)


@pytest.mark.parametrize("template", ADMIN_URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, poster_link, template):
    response = client.get(_url(template, poster_link))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("template", ADMIN_URLS)
def test_admin_access_alone_is_refused(admin_only, poster_link, template):
    response = admin_only.get(_url(template, poster_link))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith("/admin/campaigns")


@pytest.mark.parametrize("template", ADMIN_URLS)
def test_users_with_the_campaign_permissions_reach_every_url(marketer, poster_link, template):
    assert marketer.get(_url(template, poster_link)).status_code == 200


def test_admin_access_alone_cannot_create_or_delete(admin_only, autumn, poster_lesson):
    data = nested_form_data({
        "name": "Sneaky", "slug": "sneaky", "starts_on": "2026-03-01", "ends_on": "2026-03-31",
        "links": inline_formset([]),
    })
    assert admin_only.post("/admin/campaigns/new/", data).status_code in (302, 403)
    assert admin_only.post(f"/admin/campaigns/delete/{autumn.pk}/").status_code in (302, 403)
    assert list(Campaign.objects.values_list("slug", flat=True)) == ["autumn-posters"]


def test_view_permission_on_links_is_enough_for_qr_codes_and_posters(client, poster_link):
    client.force_login(campaign_user("printer", ["view_trackinglink"]))
    for template in ["/admin/campaigns/links/", *LINK_URLS]:
        assert client.get(_url(template, poster_link)).status_code == 200
    for template in ["/admin/campaigns/new/", "/admin/campaigns/edit/{campaign}/"]:
        assert client.get(_url(template, poster_link)).status_code in (302, 403)


@pytest.mark.parametrize("template", LINK_URLS)
def test_a_link_is_only_found_through_its_own_campaign(marketer, poster_link, other_link,
                                                       template):
    wrong_campaign = template.format(campaign=poster_link.campaign_id, link=other_link.pk)
    assert marketer.get(wrong_campaign).status_code == 404
    missing_link = template.format(campaign=poster_link.campaign_id, link=999999)
    assert marketer.get(missing_link).status_code == 404
    missing_campaign = template.format(campaign=999999, link=poster_link.pk)
    assert marketer.get(missing_campaign).status_code == 404


@pytest.mark.parametrize("template", LINK_URLS)
def test_no_permission_is_refused_before_the_link_is_looked_up(admin_only, poster_link,
                                                               template):
    response = admin_only.get(template.format(campaign=999999, link=999999))
    assert response.status_code in (302, 403)
