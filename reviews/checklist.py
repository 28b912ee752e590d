"""The consumer-protection checklist a reviewer goes through before anything is published.

The keys are stored with every decision (``ReviewDecision``) and counted by the reports, so
they never change once in use; the labels may be reworded freely.
"""

from django.utils.translation import gettext_lazy as _

CHECKLIST = [
    ("accurate", _("Claims are accurate and sourced")),
    ("risk_warnings", _("Risk warnings are present")),
    ("no_inducement", _("No inducement to borrow, invest or share personal data")),
    ("fair", _("Fair and respectful to the audience addressed (e.g. seniors)")),
    ("plain_language", _("Plain language for that audience")),
    ("privacy", _("Privacy and data security are respected")),
    ("accessible", _("Accessible: captions, alt text and transcript where needed")),
    ("reporting_channels", _("Official reporting channels and hotlines are correct")),
]
CHECKLIST_KEYS = [key for key, _label in CHECKLIST]
CHECKLIST_LABELS = dict(CHECKLIST)


def label_for(key):
    """The label of a checklist item; keys retired from the list still read sensibly."""
    return CHECKLIST_LABELS.get(key, key)
