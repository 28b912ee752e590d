from django.db import models


class PageCacheGeneration(models.Model):
    """One row whose number is part of every anonymous page-cache key.

    Publishing, unpublishing or moving a page bumps it, which retires every cached page at
    once on every app server (they share the database, not necessarily a cache).
    """

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return f"page cache generation {self.value}"
