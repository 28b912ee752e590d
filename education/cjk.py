"""Chinese text for full-text search: Han characters as overlapping bigrams.

Written Chinese has no spaces, and neither search backend in use segments it: SQLite FTS5's
``unicode61`` tokenizer and PostgreSQL's default text-search parser both read a whole run of
Han characters ("冒充客服以退款为由诈骗老人") as ONE token, so a query for a word inside the
run (诈骗, 退款) matches nothing. The tokenizers belong to Wagtail's database search backend
(it creates the FTS5 table; a Chinese parser for PostgreSQL, zhparser, is a server extension
with no SQLite counterpart), so the words are split before they reach it.

So the pages index one extra search field (``index_terms``): every Han run of their searchable
text as its overlapping character bigrams (退款为由 → 退款 款为 为由), every Han character on
its own, and the Latin letters and digits glued to Han characters (转账5000元 → 5000), all
separated by spaces, which both tokenizers split on and neither stems nor drops (no Han
character is an English stop word, and the Snowball stemmer only rewrites Latin letters). A
query is rewritten the same way (``query_terms``): a run of n ≥ 2 characters becomes its
n − 1 bigrams and a single character stays a single character (which is why single characters
are indexed too). The bigrams are not all required: ``education.search`` ranks lessons by how
many of the query's terms they hold, so 银行卡冻结 (银行 行卡 卡冻 冻结) finds a lesson that
says 银行卡已被冻结, where 卡冻 never occurs.

Why bigrams and not a dictionary segmenter (jieba and the like): a segmenter misses words it
does not know (new scam names, brand names, slang) and may cut the query and the text
differently, so a word that is on the page is not found; it also brings a dictionary of tens
of megabytes. Bigrams find every two-character sequence on the page, deterministically, on
both databases, with no dependency. The price: a longer index, and occasional false matches
(the bigrams of a query present in a page, but not next to each other), which rank below
pages holding more of the query and are harmless for a site search over a few hundred lessons.

What is not done: Japanese kana and Korean Hangul (the site is Chinese and English only), and
folding full-width Latin letters and digits (ＡＰＰ, １２３) to their ASCII forms.
"""

import re

# Han ideographs: CJK Unified Ideographs and Extension A, compatibility ideographs, the
# supplementary planes (Extensions B–G), plus 々 and 〇, which are written inside Han words.
HAN_CHARS = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")
# A whitespace-separated word with at least one Han character in it.
HAN_WORD = re.compile(rf"\S*[{HAN_CHARS}]\S*")


def bigrams(run):
    """The overlapping two-character sequences of a run: 诈骗老人 → 诈骗 骗老 老人."""
    return [run[i:i + 2] for i in range(len(run) - 1)]


def index_terms(*texts):
    """The extra text to index for ``texts``: bigrams of every Han run, every Han character,
    and the non-Han pieces of words that mix Han and other characters. "" without Han."""
    grams, chars, glued = [], [], []
    for text in texts:
        for word in HAN_WORD.findall(text or ""):
            runs = HAN_RUN.findall(word)
            for run in runs:
                grams += bigrams(run)
                chars += run
            glued += [piece for piece in HAN_RUN.split(word) if piece]
    return " ".join(grams + chars + glued)


def query_terms(query):
    """``query`` with each Han run split as the index splits it: 诈骗老人 refund →
    诈骗 骗老 老人 refund; a single Han character stays as it is. Other text is unchanged."""

    def split(match):
        run = match.group()
        return " " + " ".join(dict.fromkeys(bigrams(run)) if len(run) > 1 else [run]) + " "

    return " ".join(HAN_RUN.sub(split, query).split())
