"""Evidence files are private: stored without a URL, read only through the permission-checked
download view, which streams them from the storage (local disk or the private bucket)."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Campaign, ChannelFigure
from tests.campaigns.conftest import campaign_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIGURES_URL = "/admin/campaigns/channel-figures/"


@pytest.fixture
def autumn(db):
    return Campaign.objects.create(name="Autumn talks", slug="autumn-talks",
                                   starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2025, 11, 30))


@pytest.fixture
def figure(autumn):
    figure = ChannelFigure(
        campaign=autumn, channel="social", partner="City public account",
        period_start=dt.date(2025, 9, 1), period_end=dt.date(2025, 9, 7),
        metric="impressions", value=20000, source="Platform export", method="Impressions",
    )
    figure.evidence_file.save("partner-report.pdf", ContentFile(PDF))
    return figure


def download_url(figure):
    return f"{FIGURES_URL}{figure.pk}/evidence/"


def test_an_uploaded_evidence_file_goes_to_the_private_storage(client, autumn):
    client.force_login(campaign_user("marketer", ["add_channelfigure", "view_channelfigure"]))
    response = client.post(FIGURES_URL + "new/", {
        "campaign": autumn.pk, "channel": "social", "partner": "City public account",
        "period_start": "2025-09-01", "period_end": "2025-09-07", "metric": "impressions",
        "value": "20000", "source": "Platform export", "method": "Impressions",
        "evidence_url": "", "evidence_file": SimpleUploadedFile("report.pdf", PDF),
    })
    assert response.status_code == 302
    name = ChannelFigure.objects.get().evidence_file.name
    assert storages["private"].exists(name)
    assert not storages["default"].exists(name)  # nothing under MEDIA_ROOT / the public bucket


def test_an_evidence_file_has_no_url(figure):
    with pytest.raises(ValueError, match="no public URL"):
        figure.evidence_file.url  # noqa: B018


def test_the_edit_form_links_the_file_to_the_download_view(client, figure):
    client.force_login(campaign_user("editor", ["change_channelfigure"]))
    response = client.get(f"{FIGURES_URL}edit/{figure.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{download_url(figure)}"' in body
    assert figure.evidence_file.name in body
    assert "/media/" not in body


def test_the_inspect_view_shows_the_file(client, figure):
    client.force_login(campaign_user("viewer", ["view_channelfigure"]))
    response = client.get(f"{FIGURES_URL}inspect/{figure.pk}/")
    assert response.status_code == 200
    assert figure.evidence_file.name in response.content.decode()


@pytest.mark.parametrize("codename", ["view_channelfigure", "change_channelfigure"])
def test_who_may_see_channel_figures_downloads_the_file(client, figure, codename):
    client.force_login(campaign_user("reader", [codename]))
    response = client.get(download_url(figure))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


def test_the_marketing_group_downloads_the_file(client_for, marketer, figure):
    assert client_for(marketer).get(download_url(figure)).status_code == 200


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_other_roles_are_refused(client_for, request, figure, role):
    response = client_for(request.getfixturevalue(role)).get(download_url(figure))
    assert response.status_code == 403
    assert PDF not in response.content


def test_admin_access_alone_is_refused(client, figure):
    client.force_login(campaign_user("reader"))
    assert client.get(download_url(figure)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, figure):
    response = client.get(download_url(figure))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_figure_without_a_file_is_not_found(client, figure):
    figure.evidence_file = ""
    figure.save()
    client.force_login(campaign_user("reader", ["view_channelfigure"]))
    assert client.get(download_url(figure)).status_code == 404
