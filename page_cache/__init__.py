"""The anonymous full-page cache and what is remembered per cache generation.

A bottom app every other app may use (it imports none of them), shaped like
``wagtail.contrib.frontend_cache``:

- ``models``: the one-row generation number every cache key holds;
- ``memo``: the generation (read, purge) and ``generation_memo`` / ``generation_cached``;
- ``middleware``: the full-page cache for anonymous visitors, and the request's site from
  memory;
- ``signal_handlers``: purges when pages, sites, locales or view restrictions change;
- ``routing``, ``restrictions`` and ``locales``: sites, page routes, view restrictions and
  locale ids remembered per generation (facts, never model instances);
- ``cdn``: Cache-Control for a CDN and its purges (frontend_cache; receivers in signal_handlers);
- ``wagtail_internals``: the only module that touches a private Wagtail name.
"""
