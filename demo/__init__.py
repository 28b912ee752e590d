"""The demo site: its copy, drawn and narrated media, and the commands that load it.

Not part of the runtime: no app imports ``demo``; ``demo`` goes through the apps' real model
APIs (pages, snippets, wagtail-localize translations, the reach ingest) to build a site an
editor could have built. The English copy is in ``demo/data/`` (TOML), the Chinese in the
translation catalogue ``demo/data/zh_Hans.po``.
"""
