from django.db import models


class PageCacheGeneration(models.Model):
    """One row whose number is part of every anonymous page-cache key.

    Publishing, unpublishing or moving a page bumps it, which retires every cached page at
    once on every app server (they share the database, not necessarily a cache).
    """

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The table it had when it lived in the education app: moved without copying data
        # (page_cache/migrations/0001 and education/migrations/0016 change state only).
        db_table = "education_pagecachegeneration"
        verbose_name = "page cache generation"

    def __str__(self):
        return f"page cache generation {self.value}"
