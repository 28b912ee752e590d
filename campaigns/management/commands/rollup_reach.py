import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from campaigns.rollups import all_event_days, housekeeping, rollup_days, rollup_incremental


class Command(BaseCommand):
    help = (
        "Roll raw reach events up into daily figures (incremental and idempotent; safe to run "
        "while events arrive) and destroy visitor salts 48 h after their last use. "
        "Schedule it every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", action="append", default=[],
                            help="Recompute this day (YYYY-MM-DD); may be repeated.")
        parser.add_argument("--all", action="store_true",
                            help="Recompute every day, and count every campaign's reach in full.")

    def handle(self, *args, **options):
        now = timezone.now()
        if options["all"]:
            days = all_event_days()
        else:
            days = []
            for text in options["day"]:
                try:
                    days.append(dt.date.fromisoformat(text))
                except ValueError as exc:
                    raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from exc
        if days:
            rollup_days(days, now, recount=options["all"])
        else:
            days = rollup_incremental(now)
        destroyed = housekeeping(now)
        self.stdout.write(
            f"Rolled up {len(days)} day(s)"
            + (f" ({days[0]} … {days[-1]})" if days else "")
            + f"; destroyed {destroyed} expired salt(s)."
        )
