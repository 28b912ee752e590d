"""Offline events and channel figures: the admin screens, their forms and permissions, the
CSV/XLSX import (preview, all-or-nothing commit, refusals) and the demo data."""

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from campaigns import imports
from campaigns.days import today as site_today
from campaigns.models import Campaign, ChannelFigure, ImportBatch, OfflineEvent, TrackingLink
from demo import reach as demo
from tests.campaigns.conftest import campaign_user

pytestmark = pytest.mark.django_db

OFFLINE_PERMISSIONS = [
    f"{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("offlineevent", "channelfigure")
]
EVENTS_URL = "/admin/campaigns/offline-events/"
FIGURES_URL = "/admin/campaigns/channel-figures/"
EVENTS_IMPORT = EVENTS_URL + "import/"
FIGURES_IMPORT = FIGURES_URL + "import/"
EVENT_HEADER = ["campaign", "date", "place", "partner", "segment", "format", "attendance",
                "materials_handed_out", "notes"]
FIGURE_HEADER = ["campaign", "channel", "partner", "period_start", "period_end", "metric",
                 "value", "source", "method", "evidence_url"]


# --- fixtures -------------------------------------------------------------------------------

@pytest.fixture
def autumn(db):
    return Campaign.objects.create(
        name="Autumn talks", slug="autumn-talks", starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 11, 30),
    )


@pytest.fixture
def winter(db):
    return Campaign.objects.create(
        name="Winter figures", slug="winter-figures", starts_on=dt.date(2025, 12, 1),
        ends_on=dt.date(2026, 2, 28),
    )


@pytest.fixture
def event(autumn, taxonomy):
    return OfflineEvent.objects.create(
        campaign=autumn, date=dt.date(2025, 9, 10), place="Riverside community centre",
        partner="Riverside residents' committee", segment=taxonomy["seniors"], format="talk",
        attendance=42, materials_handed_out=50,
    )


@pytest.fixture
def winter_event(winter):
    return OfflineEvent.objects.create(
        campaign=winter, date=dt.date(2025, 12, 5), place="Harbour market", format="booth",
        attendance=130,
    )


@pytest.fixture
def figure(autumn):
    return ChannelFigure.objects.create(
        campaign=autumn, channel="partner_app", partner="Partner pharmacy app",
        period_start=dt.date(2025, 9, 1), period_end=dt.date(2025, 9, 30), metric="reach",
        value=12800, source="Partner app monthly report",
        method="Unique logged-in users who saw the banner",
    )


@pytest.fixture
def winter_figure(winter):
    return ChannelFigure.objects.create(
        campaign=winter, channel="social", partner="City public account",
        period_start=dt.date(2025, 12, 1), period_end=dt.date(2025, 12, 7),
        metric="impressions", value=30000, source="Platform export", method="Impressions",
    )


@pytest.fixture
def marketer(client):
    """Admin access and every offline event and channel figure permission."""
    client.force_login(campaign_user("marketer", OFFLINE_PERMISSIONS))
    return client



@pytest.fixture
def viewer(client):
    client.force_login(campaign_user("viewer", ["view_offlineevent", "view_channelfigure"]))
    return client


def csv_file(rows, header=EVENT_HEADER, encoding="utf-8-sig", name="events.csv"):
    lines = [",".join(header)] + [",".join(str(cell) for cell in row) for row in rows]
    return SimpleUploadedFile(name, ("\r\n".join(lines) + "\r\n").encode(encoding),
                              content_type="text/csv")


def xlsx_file(rows, header=EVENT_HEADER, name="events.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def event_row(**overrides):
    row = {"campaign": "autumn-talks", "date": "2025-09-15", "place": "Riverside library",
           "partner": "Riverside library", "segment": "seniors", "format": "talk",
           "attendance": "35", "materials_handed_out": "40", "notes": ""}
    row.update(overrides)
    return [row[column] for column in EVENT_HEADER]


def figure_row(**overrides):
    row = {"campaign": "autumn-talks", "channel": "partner_app", "partner": "Pharmacy app",
           "period_start": "2025-09-01", "period_end": "2025-09-30", "metric": "reach",
           "value": "12800", "source": "Monthly report", "method": "Unique users",
           "evidence_url": ""}
    row.update(overrides)
    return [row[column] for column in FIGURE_HEADER]


def upload(client, url, file):
    return client.post(url, {"file": file})


def confirm(client, url, preview):
    token = preview.context["token"]
    assert token, "the preview offered no confirmation"
    return client.post(url, {"action": "confirm", "token": token})


def text(response):
    return response.content.decode()


def nothing_saved():
    return (not OfflineEvent.objects.exists() and not ChannelFigure.objects.exists()
            and not ImportBatch.objects.exists())


# --- screens ----------------------------------------------------------------------------------

def test_listings_forms_and_import_pages_render_for_a_permitted_user(marketer, event, figure):
    events = text(marketer.get(EVENTS_URL))
    for snippet in ["Riverside community centre", "Autumn talks", "Talk", "Seniors", "42", "50",
                    "Riverside residents&#x27; committee", 'href="/admin/campaigns/offline-'
                    'events/import/"']:
        assert snippet in events
    figures = text(marketer.get(FIGURES_URL))
    for snippet in ["Partner pharmacy app", "Partner app", "People reached", "12,800",
                    "2025-09-01 – 2025-09-30", "Partner app monthly report",
                    'href="/admin/campaigns/channel-figures/import/"']:
        assert snippet in figures

    assert marketer.get(EVENTS_URL + "new/").status_code == 200
    edit = text(marketer.get(f"{EVENTS_URL}edit/{event.pk}/"))
    assert 'name="attendance"' in edit and 'value="42"' in edit
    assert "Riverside community centre" in text(marketer.get(f"{EVENTS_URL}inspect/{event.pk}/"))
    assert marketer.get(FIGURES_URL + "new/").status_code == 200
    edit = text(marketer.get(f"{FIGURES_URL}edit/{figure.pk}/"))
    assert 'name="evidence_file"' in edit and 'enctype="multipart/form-data"' in edit

    page = text(marketer.get(EVENTS_IMPORT))
    assert "Import offline events" in page
    assert 'href="/admin/campaigns/offline-events/import/template.csv"' in page
    for column in EVENT_HEADER:
        assert f"<code>{column}</code>" in page
    assert "Import channel figures" in text(marketer.get(FIGURES_IMPORT))


def test_the_campaigns_menu_lists_both_screens(marketer):
    home = text(marketer.get("/admin/"))
    assert '"/admin/campaigns/offline-events/"' in home
    assert '"/admin/campaigns/channel-figures/"' in home


def test_the_import_templates_are_the_column_headers(marketer):
    response = marketer.get(EVENTS_IMPORT + "template.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="offline-events-template.csv"' in response["Content-Disposition"]
    assert response.content == ("\ufeff" + ",".join(EVENT_HEADER) + "\r\n").encode()
    figures = marketer.get(FIGURES_IMPORT + "template.csv").content.decode("utf-8-sig")
    assert figures.strip().split(",") == FIGURE_HEADER


def test_events_can_be_filtered_and_searched(marketer, event, winter_event, winter):
    def places(query):
        html = text(marketer.get(EVENTS_URL + query))
        return {p for p in ("Riverside community centre", "Harbour market") if p in html}

    both = {"Riverside community centre", "Harbour market"}
    assert places("") == both
    assert places(f"?campaign={winter.pk}") == {"Harbour market"}
    assert places("?format=talk") == {"Riverside community centre"}
    assert places("?date_from=2025-12-01&date_to=2025-12-31") == {"Harbour market"}
    assert places("?date_to=2025-09-30") == {"Riverside community centre"}
    assert places(f"?segment={event.segment_id}") == {"Riverside community centre"}
    assert places("?q=harbour") == {"Harbour market"}
    assert places("?q=residents") == {"Riverside community centre"}  # the partner
    html = text(marketer.get(EVENTS_URL + "?ordering=attendance"))
    assert html.index("Riverside community centre") < html.index("Harbour market")


def test_figures_can_be_filtered_by_overlapping_period_and_searched(
    marketer, figure, winter_figure
):
    def partners(query):
        html = text(marketer.get(FIGURES_URL + query))
        return {p for p in ("Partner pharmacy app", "City public account") if p in html}

    assert partners("?channel=social") == {"City public account"}
    assert partners("?metric=reach") == {"Partner pharmacy app"}
    # a figure for 1–30 September overlaps a range from 15 September to 3 December
    assert partners("?period_from=2025-09-15&period_to=2025-12-03") == {
        "Partner pharmacy app", "City public account"}
    assert partners("?period_from=2025-10-01") == {"City public account"}
    assert partners("?period_to=2025-11-30") == {"Partner pharmacy app"}
    assert partners("?q=platform") == {"City public account"}  # the source


@pytest.mark.parametrize("url, make", [
    (EVENTS_URL, lambda campaign, segment, n: OfflineEvent.objects.create(
        campaign=campaign, date=dt.date(2025, 9, 2), place=f"Hall {n}", format="booth",
        attendance=n, segment=segment)),
    (FIGURES_URL, lambda campaign, segment, n: ChannelFigure.objects.create(
        campaign=campaign, channel="social", partner=f"Account {n}",
        period_start=dt.date(2025, 9, 1), period_end=dt.date(2025, 9, 7), metric="views",
        value=n, source="Export", method="Views")),
])
def test_the_listing_query_count_does_not_grow_with_rows(marketer, autumn, taxonomy, url, make):
    def queries_for(count):
        OfflineEvent.objects.all().delete()
        ChannelFigure.objects.all().delete()
        for n in range(count):
            make(autumn, taxonomy["seniors"], n)
        with CaptureQueriesContext(connection) as captured:
            assert marketer.get(url).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(9)


# --- forms ------------------------------------------------------------------------------------

def _event_data(campaign_, **overrides):
    data = {"campaign": campaign_.pk, "date": "2025-09-20", "format": "workshop",
            "place": "Library computer room", "partner": "", "segment": "",
            "attendance": "14", "materials_handed_out": "20", "notes": ""}
    data.update(overrides)
    return data


def test_an_offline_event_is_created_through_the_form(marketer, autumn, taxonomy, make_case):
    lesson = make_case(title="Courier fee scam")
    link = TrackingLink.objects.create(campaign=autumn, code="autumn-hall", channel="poster",
                                       destination=lesson)
    response = marketer.post(EVENTS_URL + "new/", _event_data(
        autumn, segment=taxonomy["seniors"].pk, lessons=[lesson.pk], links=[link.pk]))
    assert response.status_code == 302, response.context["form"].errors
    event = OfflineEvent.objects.get()
    assert (event.campaign, event.attendance, event.materials_handed_out) == (autumn, 14, 20)
    assert list(event.links.all()) == [link]
    assert [p.pk for p in event.lessons.all()] == [lesson.pk]
    assert event.import_batch is None


@pytest.mark.parametrize("overrides, field, message", [
    ({"date": "2025-12-24"}, "date", "The date is outside the campaign (2025-09-01 to "
                                     "2025-11-30)."),
    ({"attendance": "-5"}, "attendance", "greater than or equal to 0"),
    ({"materials_handed_out": "-1"}, "materials_handed_out", "greater than or equal to 0"),
    ({"campaign": ""}, "campaign", "This field is required."),
])
def test_the_event_form_refuses_bad_values(marketer, autumn, overrides, field, message):
    response = marketer.post(EVENTS_URL + "new/", _event_data(autumn, **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not OfflineEvent.objects.exists()


def test_the_event_form_refuses_another_campaigns_links(marketer, autumn, winter, make_case):
    link = TrackingLink.objects.create(campaign=winter, code="winter-qr", channel="poster",
                                       destination=make_case())
    response = marketer.post(EVENTS_URL + "new/", _event_data(autumn, links=[link.pk]))
    assert response.status_code == 200
    assert "belong to another campaign: winter-qr" in text(response)
    assert not OfflineEvent.objects.exists()


def _figure_data(campaign_, **overrides):
    data = {"campaign": campaign_.pk, "channel": "social", "partner": "City public account",
            "period_start": "2025-09-01", "period_end": "2025-09-07", "metric": "impressions",
            "value": "20000", "source": "Platform export", "method": "Impressions, not unique",
            "evidence_url": ""}
    data.update(overrides)
    return data


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_channel_figure_with_an_evidence_file_is_created(marketer, autumn):
    response = marketer.post(FIGURES_URL + "new/", _figure_data(
        autumn, evidence_file=SimpleUploadedFile("report.pdf", PDF, "application/pdf")))
    assert response.status_code == 302, response.context["form"].errors
    figure = ChannelFigure.objects.get()
    assert figure.value == 20000
    assert figure.evidence_file.name.startswith("evidence/report")
    assert figure.evidence_file.read() == PDF


@pytest.mark.parametrize("overrides, field, message", [
    ({"period_end": "2025-08-01"}, "period_end", "The period cannot end before it starts."),
    ({"value": "-1"}, "value", "greater than or equal to 0"),
    ({"period_start": "2026-01-01", "period_end": "2026-01-31"}, "period_start",
     "The period does not overlap the campaign (2025-09-01 to 2025-11-30)."),
    ({"evidence_file": SimpleUploadedFile("run.exe", b"MZ\x90\x00")}, "evidence_file",
     "is not an accepted evidence file"),
    ({"evidence_file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00")}, "evidence_file",
     "does not look like a PDF file"),
    ({"evidence_file": SimpleUploadedFile("shot.png", b"GIF89a....")}, "evidence_file",
     "does not look like a PNG file"),
    ({"evidence_file": SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))},
     "evidence_file", "the limit is 10.0\xa0MB"),
])
def test_the_figure_form_refuses_bad_values_and_files(marketer, autumn, overrides, field,
                                                      message):
    response = marketer.post(FIGURES_URL + "new/", _figure_data(autumn, **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ChannelFigure.objects.exists()


def test_the_model_refuses_a_figure_outside_its_campaign(autumn):
    """The rule is the model's: the shell, the admin form and the import all obey it."""
    figure = ChannelFigure(campaign=autumn, channel="social", partner="City public account",
                           period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 1, 31),
                           metric="impressions", value=20000, source="Platform export",
                           method="Impressions, not unique")
    with pytest.raises(ValidationError) as refused:
        figure.full_clean()
    assert refused.value.message_dict == {"period_start": [
        "The period does not overlap the campaign (2025-09-01 to 2025-11-30)."]}
    figure.period_start, figure.period_end = dt.date(2025, 11, 30), dt.date(2025, 12, 31)
    figure.full_clean()  # one day in common is an overlap


def test_the_model_refuses_another_campaigns_links(event, winter, make_case):
    page = make_case()
    foreign = TrackingLink.objects.create(campaign=winter, code="winter-qr", channel="poster",
                                          destination=page)
    own = TrackingLink.objects.create(campaign=event.campaign, code="autumn-hall",
                                      channel="poster", destination=page)
    with pytest.raises(ValidationError, match="belong to another campaign: winter-qr"), \
            transaction.atomic():
        event.links.add(own, foreign)
    assert not event.links.exists()
    event.links.add(own)
    assert list(event.links.all()) == [own]


@pytest.mark.parametrize("name, content", [
    ("report.pdf", PDF), ("shot.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20), ("figures.csv", b"week,views\n1,20\n"),
])
def test_accepted_evidence_types(marketer, autumn, name, content):
    response = marketer.post(FIGURES_URL + "new/", _figure_data(
        autumn, evidence_file=SimpleUploadedFile(name, content)))
    assert response.status_code == 302, response.context["form"].errors


def test_an_xlsx_evidence_file_is_accepted(marketer, autumn):
    evidence = xlsx_file([["x"]], header=["week"], name="figures.xlsx")
    response = marketer.post(FIGURES_URL + "new/", _figure_data(autumn, evidence_file=evidence))
    assert response.status_code == 302, response.context["form"].errors


def test_events_and_figures_are_edited_and_deleted(marketer, event, figure):
    response = marketer.post(f"{EVENTS_URL}edit/{event.pk}/", _event_data(
        event.campaign, attendance="48"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.attendance == 48
    assert marketer.post(f"{EVENTS_URL}delete/{event.pk}/").status_code == 302
    assert not OfflineEvent.objects.exists()
    assert marketer.post(f"{FIGURES_URL}delete/{figure.pk}/").status_code == 302
    assert not ChannelFigure.objects.exists()


# --- permissions ------------------------------------------------------------------------------

ADMIN_URLS = [
    EVENTS_URL, EVENTS_URL + "results/", EVENTS_URL + "new/",
    EVENTS_URL + "edit/{event}/", EVENTS_URL + "delete/{event}/",
    EVENTS_URL + "history/{event}/", EVENTS_URL + "usage/{event}/",
    EVENTS_URL + "inspect/{event}/", EVENTS_URL + "copy/{event}/",
    EVENTS_IMPORT, EVENTS_IMPORT + "template.csv",
    FIGURES_URL, FIGURES_URL + "results/", FIGURES_URL + "new/",
    FIGURES_URL + "edit/{figure}/", FIGURES_URL + "delete/{figure}/",
    FIGURES_URL + "history/{figure}/", FIGURES_URL + "usage/{figure}/",
    FIGURES_URL + "inspect/{figure}/", FIGURES_URL + "copy/{figure}/",
    FIGURES_IMPORT, FIGURES_IMPORT + "template.csv",
]
OBJECT_URLS = [url for url in ADMIN_URLS if "{" in url]
VIEW_ONLY_ALLOWED = {EVENTS_URL, EVENTS_URL + "results/", EVENTS_URL + "inspect/{event}/",
                     FIGURES_URL, FIGURES_URL + "results/", FIGURES_URL + "inspect/{figure}/"}


@pytest.fixture
def objects(event, figure):
    return {"event": event.pk, "figure": figure.pk}


@pytest.mark.parametrize("template", ADMIN_URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, objects, template):
    response = client.get(template.format(**objects))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("template", ADMIN_URLS)
def test_admin_access_alone_is_refused(admin_only, objects, template):
    response = admin_only.get(template.format(**objects))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith("/admin/campaigns")


@pytest.mark.parametrize("template", ADMIN_URLS)
def test_users_with_the_permissions_reach_every_url(marketer, objects, template):
    assert marketer.get(template.format(**objects)).status_code == 200


@pytest.mark.parametrize("template", OBJECT_URLS)
def test_objects_of_every_campaign_are_reached_and_unknown_ids_are_404(
    marketer, objects, winter_event, winter_figure, template
):
    # Permissions are the models' own, not per campaign: another campaign's records open too.
    other = {"event": winter_event.pk, "figure": winter_figure.pk}
    assert marketer.get(template.format(**other)).status_code == 200
    missing = {"event": 987654, "figure": 987654}
    assert marketer.get(template.format(**missing)).status_code == 404


@pytest.mark.parametrize("template", ADMIN_URLS)
def test_view_permission_lists_and_inspects_only(viewer, objects, template):
    response = viewer.get(template.format(**objects))
    if template in VIEW_ONLY_ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)


def test_view_only_users_get_no_import_button(viewer, event):
    assert EVENTS_IMPORT not in text(viewer.get(EVENTS_URL))


def test_admin_access_alone_cannot_post(admin_only, event, autumn):
    posts = [
        (EVENTS_URL + "new/", _event_data(autumn)),
        (f"{EVENTS_URL}delete/{event.pk}/", {}),
        (EVENTS_IMPORT, {"file": csv_file([event_row()])}),
        (FIGURES_IMPORT, {"file": csv_file([figure_row()], header=FIGURE_HEADER)}),
    ]
    for url, data in posts:
        assert admin_only.post(url, data).status_code in (302, 403)
    assert OfflineEvent.objects.count() == 1
    assert not ImportBatch.objects.exists()


# --- import: good files -----------------------------------------------------------------------

def test_a_utf8_bom_csv_is_previewed_then_imported(marketer, autumn, taxonomy, django_user_model):
    file = csv_file([
        event_row(),
        event_row(date="2025/10/02", place="East Street market", format="Booth", segment="",
                  attendance='"1,250"', materials_handed_out="", notes="Busy; counted"),
    ])
    preview = upload(marketer, EVENTS_IMPORT, file)
    assert preview.status_code == 200
    html = text(preview)
    assert "All 2 rows are ready to import." in html
    assert "Preview of “events.csv” (UTF-8)" in html
    assert "East Street market" in html and "1,250" in html
    assert not OfflineEvent.objects.exists()  # a preview saves nothing

    kept = marketer.session[imports.SESSION_KEY][preview.context["token"]]["name"]
    assert imports.pending_storage().exists(kept)
    response = confirm(marketer, EVENTS_IMPORT, preview)
    assert response.status_code == 302
    assert response["Location"] == EVENTS_URL
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.filename, batch.rows) == ("offline_events", "events.csv", 2)
    assert batch.imported_by == django_user_model.objects.get(username="marketer")
    events = {e.place: e for e in OfflineEvent.objects.all()}
    library, market = events["Riverside library"], events["East Street market"]
    assert (library.date, library.format, library.attendance, library.materials_handed_out,
            library.segment) == (dt.date(2025, 9, 15), "talk", 35, 40, taxonomy["seniors"])
    assert (market.date, market.format, market.attendance, market.materials_handed_out,
            market.segment, market.notes) == (dt.date(2025, 10, 2), "booth", 1250, 0, None,
                                              "Busy; counted")
    assert {e.import_batch_id for e in events.values()} == {batch.pk}
    assert "Imported 2 rows from “events.csv”." in text(marketer.get(EVENTS_URL))
    assert not imports.pending_storage().exists(kept)  # the kept file is gone


def test_a_gbk_csv_with_chinese_place_names_is_imported(marketer, autumn, taxonomy):
    file = csv_file([
        event_row(place="朝阳社区活动中心", partner="朝阳街道办事处", notes="反诈讲座"),
        event_row(place="东街菜市场", format="booth", attendance="210"),
    ], encoding="gbk", name="线下活动.csv")
    preview = upload(marketer, EVENTS_IMPORT, file)
    assert "(GBK)" in text(preview)
    assert "朝阳社区活动中心" in text(preview)
    assert confirm(marketer, EVENTS_IMPORT, preview).status_code == 302
    assert set(OfflineEvent.objects.values_list("place", "partner", "attendance")) == {
        ("朝阳社区活动中心", "朝阳街道办事处", 35), ("东街菜市场", "Riverside library", 210)}
    assert ImportBatch.objects.get().filename == "线下活动.csv"


def test_a_utf8_csv_without_bom_and_with_semicolons_is_imported(marketer, autumn, taxonomy):
    lines = [";".join(EVENT_HEADER), ";".join(event_row(place="Hall; north"))]
    lines[1] = lines[1].replace("Hall; north", '"Hall; north"')
    file = SimpleUploadedFile("events.csv", "\n".join(lines).encode("utf-8"))
    preview = upload(marketer, EVENTS_IMPORT, file)
    assert confirm(marketer, EVENTS_IMPORT, preview).status_code == 302
    assert OfflineEvent.objects.get().place == "Hall; north"


def test_an_xlsx_file_is_imported(marketer, autumn, taxonomy):
    header = ["Campaign", "Date", "Place", "Partner", "Format", "Attendance",
              "Materials handed out", "Segment"]
    file = xlsx_file([
        ["autumn-talks", dt.datetime(2025, 9, 20), "Senior centre", "Day-care", "talk", 28, 30,
         "seniors"],
        [None, None, None, None, None, None, None, None],  # a blank line keeps the numbering
        ["autumn-talks", "2025-10-05", "Metro exit B", None, "booth", 310.0, None, None],
    ], header=header)
    preview = upload(marketer, EVENTS_IMPORT, file)
    assert "(XLSX)" in text(preview)
    assert [row.number for row in preview.context["preview"].rows] == [2, 4]
    assert confirm(marketer, EVENTS_IMPORT, preview).status_code == 302
    assert set(OfflineEvent.objects.values_list(
        "place", "date", "attendance", "materials_handed_out", "partner")) == {
        ("Senior centre", dt.date(2025, 9, 20), 28, 30, "Day-care"),
        ("Metro exit B", dt.date(2025, 10, 5), 310, 0, ""),
    }


def test_channel_figures_are_imported(marketer, autumn):
    file = csv_file([
        figure_row(),
        figure_row(channel="Social post", partner="City account", metric="Impressions",
                   value="48000", evidence_url="https://partners.example/report.pdf"),
    ], header=FIGURE_HEADER, name="figures.csv")
    preview = upload(marketer, FIGURES_IMPORT, file)
    assert "All 2 rows are ready to import." in text(preview)
    assert confirm(marketer, FIGURES_IMPORT, preview)["Location"] == FIGURES_URL
    assert set(ChannelFigure.objects.values_list("channel", "metric", "value", "evidence_url")) == {
        ("partner_app", "reach", 12800, ""),
        ("social", "impressions", 48000, "https://partners.example/report.pdf"),
    }
    assert ImportBatch.objects.get().kind == "channel_figures"


def test_unknown_columns_are_named_and_not_imported(marketer, autumn, taxonomy):
    file = csv_file([event_row() + ["sunny"]], header=EVENT_HEADER + ["Weather"])
    preview = upload(marketer, EVENTS_IMPORT, file)
    assert "These columns are not imported:" in text(preview)
    assert "“Weather”" in text(preview)
    assert confirm(marketer, EVENTS_IMPORT, preview).status_code == 302
    assert OfflineEvent.objects.count() == 1


# --- import: refused files --------------------------------------------------------------------

def _shown(response, *messages):
    assert response.status_code == 200
    html = text(response)
    for message in messages:
        assert message in html, html[:3000]
    assert response.context.get("token") is None


def _refused(response, *messages):
    _shown(response, *messages)
    assert nothing_saved()


def test_a_file_in_another_encoding_is_refused_naming_the_row(marketer, autumn, taxonomy):
    data = ("\r\n".join([",".join(EVENT_HEADER), ",".join(event_row()),
                         ",".join(event_row(place="Caf\u00e9 \u00ff"))]) + "\r\n")
    file = SimpleUploadedFile("events.csv", data.encode("latin-1") + b"\xff\xfe")
    _refused(upload(marketer, EVENTS_IMPORT, file),
             "Row 3 of the file is neither UTF-8 nor GBK text")


def test_missing_columns_are_named(marketer, autumn):
    header = [c for c in EVENT_HEADER if c not in ("attendance", "format")]
    file = csv_file([["autumn-talks", "2025-09-15", "Hall", "", "", "", ""]], header=header)
    _refused(upload(marketer, EVENTS_IMPORT, file),
             "Row 1 (the header) is missing the required columns: “format”, “attendance”.")


def test_a_negative_count_is_a_row_error_and_nothing_is_saved(marketer, autumn, taxonomy):
    file = csv_file([event_row(), event_row(attendance="-3"), event_row(place="Market")])
    response = upload(marketer, EVENTS_IMPORT, file)
    _refused(response, "1 of 3 rows has a problem.",
             "Row 3, column “attendance”: “-3” is negative; a count is 0 or more.",
             "Nothing was imported")
    # every row is still shown
    assert [row.number for row in response.context["preview"].rows] == [2, 3, 4]


def test_a_date_outside_the_campaign_is_a_row_error(marketer, autumn, taxonomy):
    file = csv_file([event_row(date="2025-12-24"), event_row()])
    _refused(upload(marketer, EVENTS_IMPORT, file),
             "Row 2, column “date”: The date is outside the campaign (2025-09-01 to "
             "2025-11-30).")


@pytest.mark.parametrize("overrides, message", [
    ({"campaign": "no-such-campaign"}, "Row 2, column “campaign”: No campaign has the slug "
                                       "“no-such-campaign”."),
    ({"segment": "pensioners"}, "Row 2, column “segment”: No audience segment has the slug "
                                "“pensioners”."),
    ({"format": "dance"}, "Row 2, column “format”: “dance” is not one of: talk, booth, "
                          "workshop, other."),
    ({"date": "15/09/2025"}, "Row 2, column “date”: “15/09/2025” is not a date"),
    ({"attendance": "12.5"}, "Row 2, column “attendance”: “12.5” is not a whole number."),
    ({"attendance": ""}, "Row 2, column “attendance”: This cell is empty; it needs a value."),
    ({"place": ""}, "Row 2, column “place”: This cell is empty"),
    ({"place": "x" * 201}, "Row 2, column “place”: Ensure this value has at most 200 "
                           "characters"),
])
def test_bad_cells_are_row_errors_naming_the_column(marketer, autumn, taxonomy, overrides,
                                                    message):
    _refused(upload(marketer, EVENTS_IMPORT, csv_file([event_row(**overrides)])), message)


@pytest.mark.parametrize("overrides, message", [
    ({"value": "-10"}, "Row 2, column “value”: “-10” is negative"),
    ({"period_end": "2025-08-01"}, "Row 2, column “period_end”: The period cannot end before "
                                   "it starts."),
    ({"period_start": "2026-03-01", "period_end": "2026-03-31"},
     "Row 2, column “period_start”: The period does not overlap the campaign"),
    ({"metric": "likes"}, "Row 2, column “metric”: “likes” is not one of"),
    ({"evidence_url": "not a link"}, "Row 2, column “evidence_url”: Enter a valid URL."),
    ({"method": ""}, "Row 2, column “method”: This cell is empty"),
])
def test_bad_figure_rows_are_refused(marketer, autumn, overrides, message):
    file = csv_file([figure_row(**overrides)], header=FIGURE_HEADER)
    _refused(upload(marketer, FIGURES_IMPORT, file), message)


@pytest.mark.parametrize("header", [
    "name", "Name", "Full Name", "full_name", "phone", "Phone Number", "mobile", "Mobile_No",
    "tel", "TEL", "id number", "ID_Number", "ID card", "idcard", "身份证", "身份证号码", "姓名",
    "电话", "联系电话", "手机", "手机号", "email", "E-mail", "e_mail", "address", "Home address",
    "card_number", "Card Number", "CARD  NO", "bank card", "Bank_Card", "credit-card",
    "account number", "银行卡号", "银行卡", "卡号", "银行 卡号", "信用卡", "账号", "card",
])
def test_personal_data_columns_are_refused_by_name(marketer, autumn, taxonomy, header):
    file = csv_file([event_row() + ["x"]], header=EVENT_HEADER + [header])
    _refused(upload(marketer, EVENTS_IMPORT, file),
             "Row 1 (the header) has columns that look like personal data: "
             f"“{header}”")


def test_all_personal_data_columns_are_named_at_once(marketer, autumn):
    file = csv_file([event_row() + ["x", "y"]], header=EVENT_HEADER + ["姓名", "Phone"])
    _refused(upload(marketer, EVENTS_IMPORT, file), "personal data: “姓名”, “Phone”.")


@pytest.mark.parametrize("header", ["place", "partner", "notes", "hotel", "channel", "method",
                                    "cards handed out", "scorecard", "panel"])
def test_ordinary_columns_do_not_look_personal(header):
    assert not imports.looks_personal(header)


def test_a_file_over_the_size_limit_is_refused(marketer, autumn, taxonomy):
    row = ",".join(event_row(notes="x" * 1000))
    data = "\ufeff" + ",".join(EVENT_HEADER) + "\r\n" + (row + "\r\n") * 2200
    assert len(data.encode()) > imports.MAX_FILE_BYTES
    _refused(upload(marketer, EVENTS_IMPORT, SimpleUploadedFile("big.csv", data.encode())),
             "the limit is 2.0\xa0MB. Split it into smaller files.")


def test_other_file_types_are_refused(marketer, autumn):
    _refused(upload(marketer, EVENTS_IMPORT, SimpleUploadedFile("events.xls", b"\xd0\xcf\x11")),
             "is not a CSV or XLSX file")
    _refused(upload(marketer, EVENTS_IMPORT, SimpleUploadedFile("events.xlsx", b"not a zip")),
             "This is not a readable XLSX file.")


def test_too_many_rows_and_repeated_columns_are_refused(marketer, autumn, monkeypatch):
    monkeypatch.setattr(imports.limits, "MAX_ROWS", 3)
    _refused(upload(marketer, EVENTS_IMPORT, csv_file([event_row()] * 4)),
             "The file has more than 3 rows. Split it into smaller files.")
    file = csv_file([event_row() + ["12"]], header=EVENT_HEADER + ["Attendance"])
    _refused(upload(marketer, EVENTS_IMPORT, file),
             "Row 1 (the header) has the column “attendance” more than once.")


def test_rows_keep_their_spreadsheet_numbers_below_a_title_row(marketer, autumn, taxonomy):
    file = xlsx_file([EVENT_HEADER, event_row(), event_row(attendance="-1")],
                     header=["2025 offline events"])
    response = upload(marketer, EVENTS_IMPORT, file)
    _refused(response, "Row 4, column “attendance”",
             "Row 1 is above the header row and is not imported.")
    assert [row.number for row in response.context["preview"].rows] == [3, 4]
    file = xlsx_file([["campaign", "date"]], header=["2025 offline events"])
    _refused(upload(marketer, EVENTS_IMPORT, file), "Row 2 (the header) is missing")


def test_a_header_without_rows_is_refused(marketer, autumn):
    _refused(upload(marketer, EVENTS_IMPORT, csv_file([])), "the file has a header but no rows")


# --- import: all or nothing, once -------------------------------------------------------------

def test_one_bad_row_among_good_ones_saves_none(marketer, autumn, taxonomy):
    rows = [event_row(place=f"Hall {n}") for n in range(20)]
    rows[13] = event_row(place="Hall 13", date="2026-01-05")
    response = upload(marketer, EVENTS_IMPORT, csv_file(rows))
    _refused(response, "1 of 20 rows has a problem.", "Row 15, column “date”")
    assert len(response.context["preview"].rows) == 20


def test_a_row_that_fails_at_commit_time_rolls_back_every_row(marketer, autumn, taxonomy):
    preview = upload(marketer, EVENTS_IMPORT, csv_file([
        event_row(), event_row(date="2025-11-20", place="Late booth")]))
    assert preview.context["token"]
    # Between the preview and the confirmation, the campaign is shortened.
    Campaign.objects.filter(pk=autumn.pk).update(ends_on=dt.date(2025, 10, 31))
    response = confirm(marketer, EVENTS_IMPORT, preview)
    assert response.status_code == 200
    assert "Row 3, column “date”: The date is outside the campaign" in text(response)
    assert nothing_saved()


def test_reimporting_the_same_file_adds_nothing(marketer, autumn, taxonomy):
    def file():
        return csv_file([event_row(), event_row(place="Market")])

    assert confirm(marketer, EVENTS_IMPORT, upload(marketer, EVENTS_IMPORT, file()))\
        .status_code == 302
    assert OfflineEvent.objects.count() == 2
    again = upload(marketer, EVENTS_IMPORT, file())
    assert again.status_code == 200
    html = text(again)
    assert re.search(r"This file was already imported on \w{3}\.? \d+, \d{4} "
                     r"\(“events.csv”, 2 rows\)\. Nothing was added\.", html), html[:3000]
    assert again.context.get("token") is None
    assert OfflineEvent.objects.count() == 2 and ImportBatch.objects.count() == 1
    # The same bytes as channel figures are another kind: refused for its columns instead.
    assert "missing the required columns" in text(upload(marketer, FIGURES_IMPORT, file()))


def test_a_confirmation_counts_once(marketer, autumn, taxonomy):
    preview = upload(marketer, EVENTS_IMPORT, csv_file([event_row()]))
    assert confirm(marketer, EVENTS_IMPORT, preview).status_code == 302
    replay = confirm(marketer, EVENTS_IMPORT, preview)
    assert replay.status_code == 302 and replay["Location"] == EVENTS_IMPORT
    assert "This preview has expired or was already imported." in text(
        marketer.get(EVENTS_IMPORT))
    assert OfflineEvent.objects.count() == 1


def test_two_previews_of_the_same_file_import_it_once(marketer, autumn, taxonomy):
    first = upload(marketer, EVENTS_IMPORT, csv_file([event_row()]))
    second = upload(marketer, EVENTS_IMPORT, csv_file([event_row()]))
    assert confirm(marketer, EVENTS_IMPORT, first).status_code == 302
    response = confirm(marketer, EVENTS_IMPORT, second)
    assert "This file was already imported on" in text(response)
    assert OfflineEvent.objects.count() == 1


def test_a_token_only_works_in_its_own_session_and_for_its_kind(
    marketer, client_for, autumn, taxonomy
):
    preview = upload(marketer, EVENTS_IMPORT, csv_file([event_row()]))
    token = preview.context["token"]
    other = client_for(campaign_user("other", OFFLINE_PERMISSIONS))
    assert other.post(EVENTS_IMPORT, {"action": "confirm", "token": token})\
        .status_code == 302
    assert marketer.post(FIGURES_IMPORT, {"action": "confirm", "token": token})\
        .status_code == 302
    assert nothing_saved()
    assert confirm(marketer, EVENTS_IMPORT, preview).status_code == 302
    assert OfflineEvent.objects.count() == 1


def test_a_tampered_stored_file_is_not_imported(marketer, autumn, taxonomy):
    preview = upload(marketer, EVENTS_IMPORT, csv_file([event_row()]))
    entry = marketer.session[imports.SESSION_KEY][preview.context["token"]]
    with imports.pending_storage().open(entry["name"], "wb") as stored:
        stored.write(b"campaign,date\r\n")
    response = confirm(marketer, EVENTS_IMPORT, preview)
    assert response["Location"] == EVENTS_IMPORT
    assert nothing_saved()


def test_cancelling_deletes_the_kept_file(marketer, autumn, taxonomy):
    preview = upload(marketer, EVENTS_IMPORT, csv_file([event_row()]))
    kept = marketer.session[imports.SESSION_KEY][preview.context["token"]]["name"]
    assert kept.startswith(f"{imports.PENDING_DIR}/") and imports.pending_storage().exists(kept)
    response = marketer.post(EVENTS_IMPORT, {"action": "cancel",
                                             "token": preview.context["token"]})
    assert response["Location"] == EVENTS_IMPORT
    assert not imports.pending_storage().exists(kept)
    assert imports.SESSION_KEY not in marketer.session or not marketer.session[
        imports.SESSION_KEY]
    assert nothing_saved()


def test_stale_kept_files_are_swept(autumn):
    name = imports.pending_storage().save(f"{imports.PENDING_DIR}/old.csv", io.BytesIO(b"x"))
    imports.sweep_stale_files()
    assert imports.pending_storage().exists(name)
    imports.sweep_stale_files(now=dt.datetime.now(dt.UTC) + dt.timedelta(days=2))
    assert not imports.pending_storage().exists(name)


# --- demo data --------------------------------------------------------------------------------

def test_the_demo_campaigns_get_offline_events_and_partner_figures_once(
    make_video, make_comic, make_case, taxonomy, monkeypatch
):
    make_video(), make_comic(), make_case()
    monkeypatch.setattr(demo, "DAYS", 2)
    assert demo.load() is not None
    today = site_today()  # reach days are days in SITE_TIME_ZONE
    events = list(OfflineEvent.objects.select_related("campaign"))
    figures = list(ChannelFigure.objects.select_related("campaign"))
    assert {e.campaign.slug for e in events} == {c["slug"] for c in demo.CAMPAIGNS}
    assert {f.campaign.slug for f in figures} == {c["slug"] for c in demo.CAMPAIGNS}
    assert {e.format for e in events} == {"talk", "booth", "workshop"}
    assert {f.channel for f in figures} >= {"partner_app", "social"}
    for event in events:
        assert event.campaign.starts_on <= event.date <= min(event.campaign.ends_on, today)
        assert event.attendance > 0 and event.materials_handed_out > 0
        event.full_clean()
    for figure in figures:
        assert figure.period_end < today and figure.source and figure.method
        figure.full_clean()
    assert OfflineEvent.objects.filter(links__isnull=False).exists()

    # Deterministic: the same campaigns get the same numbers again.
    values = sorted(OfflineEvent.objects.values_list("place", "attendance"))
    slugs = [c["slug"] for c in demo.CAMPAIGNS]
    campaigns = sorted(Campaign.objects.all(), key=lambda c: slugs.index(c.slug))
    OfflineEvent.objects.all().delete()
    ChannelFigure.objects.all().delete()
    demo.create_offline_activity(campaigns, today)
    assert sorted(OfflineEvent.objects.values_list("place", "attendance")) == values

    counts = (OfflineEvent.objects.count(), ChannelFigure.objects.count())
    assert demo.load() is None
    assert (OfflineEvent.objects.count(), ChannelFigure.objects.count()) == counts


# --- import: each row once, by its natural key ------------------------------------------------

def test_the_same_rows_with_a_blank_line_are_not_imported_again(marketer, autumn, taxonomy):
    rows = [event_row(), event_row(place="Market")]
    assert confirm(marketer, EVENTS_IMPORT, upload(marketer, EVENTS_IMPORT, csv_file(rows)))\
        .status_code == 302
    # Another file (one more blank line, another hash) with the same two events.
    again = upload(marketer, EVENTS_IMPORT, csv_file(rows + [[""] * len(EVENT_HEADER)]))
    _shown(again, "2 of 2 rows have problems.",
             "Row 2: This event is already recorded: 2025-09-15 at “Riverside library” "
             "(Riverside library), attendance 35, imported from “events.csv” on",
             "Row 3: This event is already recorded: 2025-09-15 at “Market”")
    assert again.context["token"] is None
    assert OfflineEvent.objects.count() == 2 and ImportBatch.objects.count() == 1


def test_two_identical_rows_in_one_file_are_a_row_error(marketer, autumn, taxonomy):
    rows = [event_row(), event_row(place="Market"),
            event_row(place="  riverside   LIBRARY ", partner="riverside library")]
    response = upload(marketer, EVENTS_IMPORT, csv_file(rows))
    _refused(response, "1 of 3 rows has a problem.",
             "Row 4: This row repeats row 2 (same campaign, date, place and partner)")
    assert response.context["token"] is None
    assert nothing_saved()


def test_a_row_matching_an_event_entered_in_the_admin_is_refused(marketer, event):
    row = event_row(date="2025-09-10", place="Riverside Community Centre",
                    partner="Riverside residents' committee")
    _shown(upload(marketer, EVENTS_IMPORT, csv_file([row])),
             "Row 2: This event is already recorded: 2025-09-10 at “Riverside community "
             "centre” (Riverside residents&#x27; committee), attendance 42, entered in the admin.")
    # Another day, place or organiser is another event.
    response = upload(marketer, EVENTS_IMPORT, csv_file([
        event_row(date="2025-09-11", place=event.place, partner=event.partner),
        event_row(date="2025-09-10", place="Harbour hall", partner=event.partner),
        event_row(date="2025-09-10", place=event.place, partner="Another committee"),
    ]))
    assert response.context["preview"].ok and response.context["token"]


def test_a_figure_is_imported_once(marketer, autumn, figure):
    again = figure_row(partner="partner pharmacy app", value="13000")
    _shown(upload(marketer, FIGURES_IMPORT, csv_file([again], header=FIGURE_HEADER,
                                                       name="figures.csv")),
             "Row 2: This figure is already recorded: Partner pharmacy app, People reached "
             "2025-09-01 to 2025-09-30: 12800, entered in the admin.")
    twice = [figure_row(), figure_row(value="99")]
    _shown(upload(marketer, FIGURES_IMPORT, csv_file(twice, header=FIGURE_HEADER,
                                                       name="figures.csv")),
             "Row 3: This row repeats row 2 (same campaign, channel, partner, metric and "
             "period)")
    other_metric = figure_row(metric="views")
    assert upload(marketer, FIGURES_IMPORT, csv_file([other_metric], header=FIGURE_HEADER,
                                                     name="figures.csv")).context["token"]


def test_a_pending_file_is_kept_outside_the_public_media(marketer, autumn, taxonomy):
    preview = upload(marketer, EVENTS_IMPORT, csv_file([event_row()]))
    kept = marketer.session[imports.SESSION_KEY][preview.context["token"]]["name"]
    storage = imports.pending_storage()
    path = storage.path(kept)
    assert storage.exists(kept)
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        storage.url(kept)
    assert not (Path(settings.MEDIA_ROOT) / imports.PENDING_DIR).exists()


def test_a_file_with_card_numbers_is_refused_before_anything_is_stored(marketer, autumn):
    storage = imports.pending_storage()

    def kept_files():
        return set(storage.listdir(imports.PENDING_DIR)[1]) if storage.exists(
            imports.PENDING_DIR) else set()

    before = kept_files()
    file = csv_file([event_row() + ["6222020200112233445"]],
                    header=EVENT_HEADER + ["银行卡号"])
    _refused(upload(marketer, EVENTS_IMPORT, file), "personal data: “银行卡号”")
    assert imports.SESSION_KEY not in marketer.session
    assert kept_files() == before
