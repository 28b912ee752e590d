import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo import reach


class Command(BaseCommand):
    help = (
        "Create the demo campaigns with tracking links and ~90 days of synthetic reach, "
        "sent through the real ingest code, then roll it up. Runs once: if the demo "
        "campaigns exist, nothing changes. Needs the demo lessons (load_demo_content)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = reach.load()
        if result is None:
            self.stdout.write("Demo campaigns are already loaded (or no lesson is live); "
                              "nothing changed.")
            return
        campaigns, (accepted, opens) = result
        call_command("rollup_reach", "--all", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(
            f"Demo reach loaded in {time.monotonic() - started:.1f} s: {len(campaigns)} "
            f"campaigns, {accepted} events and {opens} link opens."
        ))
