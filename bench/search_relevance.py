"""Search relevance: recall@5 of the site search over the demo lessons, per language.

Reads the relevance set (``tests/education/search_relevance.json``: queries a person would
type → the demo lessons they would expect) and asks ``education.search.search_page_ids`` each
query in its language, as the library and /search/ do. recall@5 of a query = expected lessons
among the first five results ÷ min(5, expected lessons); the figure is the mean per language.

The database: ``DATABASE_URL`` if set (it must hold the demo content), else a SQLite database
in ``bench/.work/search-relevance.sqlite3``, migrated and loaded with the demo on first use.
``--reindex`` rebuilds the search index first (after a change to what is indexed).

Run from the repository root:
    .venv/bin/python bench/search_relevance.py [--reindex] [--verbose] [--json FILE]

This prints figures; it is not a test (tests/education/test_search_relevance.py is).
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
RELEVANCE_SET = ROOT / "tests" / "education" / "search_relevance.json"
CUTOFF = 5


def recall_at(found, expected, cutoff=CUTOFF):
    return len(set(found[:cutoff]) & set(expected)) / min(cutoff, len(expected))


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    fresh = False
    if not os.environ.get("DATABASE_URL"):
        WORK.mkdir(parents=True, exist_ok=True)
        database = WORK / "search-relevance.sqlite3"
        fresh = not database.exists()
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        os.environ.setdefault("MEDIA_ROOT", str(WORK / "search-relevance-media"))
    import django

    django.setup()
    from django.core.management import call_command

    if fresh:
        call_command("migrate", verbosity=0)
        call_command("load_demo_content")


def measure(relevance):
    from django.utils import translation

    from education.models import LessonPage
    from education.search import search_page_ids

    slugs = dict(LessonPage.objects.values_list("pk", "slug"))
    figures = {}
    for language, queries in relevance.items():
        if language == "about":
            continue
        rows = []
        with translation.override(language):
            for item in queries:
                found = [slugs[pk] for pk in search_page_ids(item["q"], LessonPage)]
                rows.append({
                    "q": item["q"], "expected": item["expected"], "top": found[:CUTOFF],
                    "matches": len(found), "recall": recall_at(found, item["expected"]),
                })
        figures[language] = {
            "recall_at_5": sum(row["recall"] for row in rows) / len(rows),
            "queries": len(rows),
            "zero_results": sum(1 for row in rows if not row["matches"]),
            "rows": rows,
        }
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reindex", action="store_true", help="run update_index first")
    parser.add_argument("--verbose", action="store_true", help="list every query")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    setup_django()
    if args.reindex:
        from django.core.management import call_command

        call_command("update_index", verbosity=0)
    relevance = json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))
    figures = measure(relevance)
    for language, figure in figures.items():
        print(f"{language:8} recall@5 {figure['recall_at_5']:.3f} over {figure['queries']} "
              f"queries; {figure['zero_results']} with no result")
        for row in figure["rows"]:
            if args.verbose or row["recall"] < 1:
                print(f"    {row['recall']:.2f}  {row['q']!r:40} {row['matches']:3} found; "
                      f"top: {', '.join(row['top']) or '-'}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
