"""Point the default Wagtail Site at the address the site is served on.

A fresh install's default Site is ``localhost:80``, so page URLs, short URLs, QR codes and
posters (when PUBLIC_BASE_URL is unset) would say ``http://localhost/…``. ``make run`` calls
this with its HOST and PORT.
"""

from django.core.management.base import BaseCommand, CommandError
from django.http.request import split_domain_port
from wagtail.models import Site


class Command(BaseCommand):
    help = "Set the default Wagtail Site's host name and port (e.g. 127.0.0.1 8000)."

    def add_arguments(self, parser):
        parser.add_argument("hostname")
        parser.add_argument("port", type=int)

    def handle(self, *args, hostname, port, **options):
        hostname = hostname.strip().lower()
        domain, port_given = split_domain_port(hostname)
        if not domain or port_given:
            raise CommandError(f"Not a host name: {hostname!r}")
        if not 0 < port < 65536:
            raise CommandError(f"Not a port: {port}")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site; run load_demo_content first.")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()  # Wagtail clears its site cache on save
        self.stdout.write(f"The default site is {site.root_url}/")
