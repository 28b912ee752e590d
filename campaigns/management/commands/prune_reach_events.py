from django.core.management.base import BaseCommand
from django.utils import timezone

from campaigns.rollups import discard_unlinkable_keys, housekeeping, prune_raw_events


class Command(BaseCommand):
    help = (
        "Delete raw reach events older than 13 months (REACH_RAW_RETENTION_DAYS; on PostgreSQL "
        "whole monthly partitions are dropped), destroy expired visitor salts and delete the "
        "visitor keys kept for campaigns whose salt is destroyed; rollups and figures stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=None)

    def handle(self, *args, **options):
        now = timezone.now()
        deleted = prune_raw_events(now, options["keep_days"])
        destroyed = housekeeping(now)
        discarded = discard_unlinkable_keys(now)
        self.stdout.write(
            f"Deleted {deleted} raw event(s); destroyed {destroyed} salt(s); discarded the "
            f"visitor keys of {discarded} ended campaign(s)."
        )
