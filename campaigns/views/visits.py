"""Who is asking, as far as the server itself can tell (never what a client claims)."""

from ..ingest import Visit
from ..privacy import client_ip


def visit_from_request(request):
    return Visit(
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:512],
        site=request.get_host(),
        do_not_track=(
            request.META.get("HTTP_DNT") == "1" or request.META.get("HTTP_SEC_GPC") == "1"
        ),
    )
