"""The read API's endpoints (all GET, JSON). Every figure comes from campaigns.figures, the
functions the admin's reach reports call, so the API and the reports cannot disagree; these
views only choose, check and serialize.

Every answer is ``Cache-Control: no-store, private`` and every call is logged on the
``scamsense.api`` logger (token id and prefix, method, path, status, duration): never the
token, the Authorization header or the query string.
"""

import dataclasses
import logging
import time

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Page

from campaigns import days, figures
from campaigns.models import Campaign
from campaigns.views.reports import PeriodForm

from . import schema  # noqa: F401  (registers the bearer scheme with drf-spectacular)
from . import serializers as s
from .authentication import BearerTokenAuthentication, HasScope, TokenRateThrottle
from .models import ApiToken, Scope

logger = logging.getLogger("scamsense.api")

ERRORS = {
    401: OpenApiResponse(description="No token, or a malformed, unknown or revoked one "
                                     "(WWW-Authenticate: Bearer)."),
    403: OpenApiResponse(description="The token's scope does not allow this request."),
    429: OpenApiResponse(description="Over the token's rate limit; Retry-After says when "
                                     "to try again."),
}


class ApiAnswerMixin:
    """What every API answer shares: no caching anywhere, and one log line per call."""

    def dispatch(self, request, *args, **kwargs):
        started = time.monotonic()
        status = 500
        try:
            response = super().dispatch(request, *args, **kwargs)
            status = response.status_code
            return response
        finally:
            log_call(getattr(self, "request", request), status, started)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        patch_vary_headers(response, ["Authorization"])
        return response


def log_call(request, status, started):
    """One line per call. The token is named by its id and public prefix only."""
    token = getattr(request, "_auth", None) if isinstance(request, Request) else None
    token = token if isinstance(token, ApiToken) else None
    duration = (time.monotonic() - started) * 1000
    logger.info(
        "API %s %s %s %.1f ms token=%s", request.method, request.path, status, duration,
        token.prefix if token else "-",
        extra={"api_token_id": token.pk if token else None,
               "api_token_prefix": token.prefix if token else None,
               "api_path": request.path, "api_status": status,
               "api_duration_ms": round(duration, 1)},
    )


class ReachApiView(ApiAnswerMixin, APIView):
    """A GET endpoint for holders of a ``read:reach`` token."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [TokenRateThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = []
    required_scope = Scope.READ_REACH
    http_method_names = ["get", "head", "options"]


# --- presenting figures ----------------------------------------------------------------------


def campaign_item(request, row, today):
    """A campaign as figures.campaign_overview() gives it (the reach reports list)."""
    campaign = row["campaign"]
    return {
        "id": campaign.pk, "slug": campaign.slug, "name": campaign.name,
        "starts_on": campaign.starts_on, "ends_on": campaign.ends_on,
        "status": campaign.status_on(today), "reach_goal": campaign.reach_goal,
        "online_reach": row["online_reach"], "goal_progress": row["goal_progress"],
        "url": request.build_absolute_uri(reverse("api-campaign", args=(campaign.pk,))),
    }


def definitions(keys):
    resolved = figures.definitions_in_language()
    return [resolved[key] for key in dict.fromkeys(keys) if key in resolved]


def live_titles_only(table):
    """The table with the label of each row about a page (``page_id``) that is not live
    replaced: an unpublished page's title may be a draft's (Wagtail writes a draft's title onto
    the page row of a page that is not live), and the API shows only what the public site
    shows. One query when the table names pages, none otherwise."""
    ids = [row["page_id"] for row in table.rows if row.get("page_id")]
    not_live = set(
        Page.objects.filter(pk__in=ids, live=False).values_list("pk", flat=True)
    ) if ids else set()
    if not not_live:
        return table
    return dataclasses.replace(table, rows=[
        {**row, "label": gettext("Unpublished page #%(id)s") % {"id": row["page_id"]}}
        if row.get("page_id") in not_live else row
        for row in table.rows
    ])


def period_of(request, campaign):
    """The period asked for (start/end, as on the report screen), or 400 with the reasons."""
    if not request.query_params.keys() & {"start", "end"}:
        return figures.Period.of_campaign(campaign)
    form = PeriodForm(request.query_params, campaign=campaign)
    if not form.is_valid():
        raise exceptions.ValidationError({
            ("period" if field == "__all__" else field): [str(e) for e in errors]
            for field, errors in form.errors.items()
        })
    return form.period()


def campaign_figures(request, pk, table_key=None):
    campaign = get_object_or_404(Campaign, pk=pk)
    period = period_of(request, campaign)
    today = days.today()
    report = figures.campaign_report(campaign, period, today=today)
    if table_key is not None and table_key not in report.tables:
        raise exceptions.NotFound(
            gettext("There is no table “%(key)s”. Tables: %(keys)s.")
            % {"key": table_key, "keys": ", ".join(report.tables)}
        )
    headline = report.headline
    item = campaign_item(request, {"campaign": campaign, "online_reach": headline.online_reach,
                                   "goal_progress": headline.goal_progress}, today)
    tables = {key: live_titles_only(table) for key, table in report.tables.items()
              if table_key is None or key == table_key}
    keys = [] if table_key else [*figures.Headline.CARD_KEYS, "partner_figures"]
    for table in tables.values():
        keys += table.definitions()
    return {
        "campaign": item,
        "period": {"start": period.start, "end": period.end,
                   "whole_campaign": period.whole_campaign},
        "time_zone": days.zone_name(),
        "headline": [{"key": key, "label": text, "value": value}
                     for key, text, value in headline.cards()],
        "tables": list(tables.values()),
        "table": tables.get(table_key),
        "definitions": definitions(keys),
    }


# --- endpoints -------------------------------------------------------------------------------

PERIOD_PARAMETERS = [
    OpenApiParameter("start", str, description="First day (YYYY-MM-DD, site time zone); "
                     "alone, the campaign's end is the other date. Default: the whole campaign."),
    OpenApiParameter("end", str, description="Last day, inclusive (YYYY-MM-DD). At most "
                     "3 × 366 days. Reach columns always cover the whole campaign."),
]


class CampaignPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CampaignListView(ReachApiView):
    pagination_class = CampaignPagination

    @extend_schema(
        summary="Campaigns", operation_id="campaigns_list",
        description="Every campaign, newest first, with its online reach (people, whole "
                    "campaign) and progress against its reach goal, as the reach reports "
                    "list shows them.",
        responses={200: s.CampaignSerializer(many=True), **ERRORS},
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(Campaign.objects.order_by("-starts_on", "name", "pk"),
                                           request, view=self)
        today = days.today()
        rows = [campaign_item(request, row, today) for row in figures.campaign_overview(page)]
        return paginator.get_paginated_response(s.CampaignSerializer(rows, many=True).data)


class CampaignFiguresView(ReachApiView):
    @extend_schema(
        summary="One campaign's figures", operation_id="campaign_figures",
        description="What the campaign report shows: the headline figures, the daily "
                    "figures and every breakdown (audience, channel, lesson, tracking link, "
                    "format, language, red flags, offline events, partner figures), with "
                    "the definition of each figure.",
        parameters=PERIOD_PARAMETERS,
        responses={200: s.CampaignFiguresSerializer, 400: OpenApiResponse(
            description="Bad dates: {field: [messages]}."),
            404: OpenApiResponse(description="No such campaign."), **ERRORS},
    )
    def get(self, request, pk):
        return Response(s.CampaignFiguresSerializer(campaign_figures(request, pk)).data)


class CampaignTableView(ReachApiView):
    @extend_schema(
        summary="One table of a campaign's figures", operation_id="campaign_table",
        description="One table of the campaign report (e.g. daily, lessons, links, channels, "
                    "segments, formats, languages), for tools that load one table per "
                    "address.",
        parameters=PERIOD_PARAMETERS,
        responses={200: s.CampaignTableSerializer, 400: OpenApiResponse(
            description="Bad dates."), 404: OpenApiResponse(
            description="No such campaign or table."), **ERRORS},
    )
    def get(self, request, pk, table):
        return Response(s.CampaignTableSerializer(campaign_figures(request, pk, table)).data)


class AnnualYearsView(ReachApiView):
    @extend_schema(summary="Years with an annual report", operation_id="annual_years", responses={
        200: s.YearsSerializer, **ERRORS})
    def get(self, request):
        return Response(s.YearsSerializer({"years": figures.report_years(days.today())}).data)


class AnnualReportView(ReachApiView):
    @extend_schema(
        summary="The annual report", operation_id="annual_report",
        description="A calendar year of the site's time zone: the annual report's summary "
                    "(each figure with what kind of count it is) and its tables.",
        responses={200: s.AnnualReportSerializer, 404: OpenApiResponse(
            description="A year outside /api/v1/annual/."), **ERRORS},
    )
    def get(self, request, year):
        if year not in figures.report_years(days.today()):
            raise exceptions.NotFound(_("There is no annual report for this year; "
                                        "/api/v1/annual/ lists the years."))
        report = figures.annual_report(year)
        keys = [item["key"] for item in report.summary]
        for table in report.tables.values():
            keys += table.definitions()
        return Response(s.AnnualReportSerializer({
            "year": year, "time_zone": days.zone_name(), "summary": report.summary,
            "tables": [live_titles_only(t) for t in report.tables.values()],
            "definitions": definitions(keys),
        }).data)


class DefinitionsView(ReachApiView):
    @extend_schema(summary="How every figure is counted", operation_id="definitions",
                   responses={200: s.DefinitionSerializer(many=True), **ERRORS})
    def get(self, request):
        return Response(s.DefinitionSerializer(
            list(figures.definitions_in_language().values()), many=True).data)


class SchemaView(ApiAnswerMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (YAML; ?format=json for JSON). Public: it holds no figures."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
