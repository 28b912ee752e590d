"""Give the demo what a site in use has: a review on record for each live lesson, and one
live scam alert, both made through the real consumer-protection review.

Run after ``load_demo_content`` and ``create_demo_admin`` (``make demo`` does): the demo
editor submits, the demo reviewer approves with the whole checklist (the task's own action,
which records the decision and sets the next review date, and publishes). Without it a fresh
install says every live lesson is overdue for review and never shows the alert banner.

Only what has no review yet is reviewed, and the alert is made only when there is none, so a
second run changes nothing. Workflow e-mails are not sent for these demo reviews (they would
fill the console on every ``make run``).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, Workflow

from education.models import LessonPage
from reviews.checklist import CHECKLIST_KEYS
from reviews.models import ConsumerProtectionReviewTask, ScamAlert
from staff.roles import WORKFLOW_NAME

EDITOR, REVIEWER = "editor", "reviewer"
COMMENT = "Demo review: checked against the consumer-protection checklist."
ALERT = {
    "title": "Fake parcel-fee texts (demo)",
    "severity": ScamAlert.Severity.WARNING,
    "message": "Texts asking you to pay a small fee to release a parcel are a scam. Do not "
               "tap the link; check with the courier's own app or number.",
    "link_text": "How the parcel text scam works",
}
ALERT_LESSON_SLUG = "parcel-text-phishing"
ALERT_DAYS = 365
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = ("Review each live demo lesson and publish one scam alert through the "
            "consumer-protection review (demo editor submits, demo reviewer approves).")

    def handle(self, *args, **options):
        users = get_user_model().objects.in_bulk([EDITOR, REVIEWER], field_name="username")
        if len(users) < 2:
            raise CommandError("Run `manage.py create_demo_admin` first: the demo editor and "
                               "reviewer make the demo reviews.")
        editor, reviewer = users[EDITOR], users[REVIEWER]
        with override_settings(EMAIL_BACKEND=NO_MAIL):
            reviewed = self.review_lessons(editor, reviewer)
            alert = self.publish_alert(editor, reviewer)
        if not reviewed and not alert:
            self.stdout.write("Demo reviews are already on record; nothing changed.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Demo reviews: {reviewed} lesson(s) reviewed"
            + ("; one scam alert published." if alert else ".")
        ))

    def approve(self, obj, editor, reviewer):
        """Submit as the editor, approve as the reviewer: the path the admin takes."""
        # The workflow assigned to the item, else the review itself (the Chinese page tree
        # may have no workflow assigned yet): the same task, checklist and records.
        workflow = obj.get_workflow() or Workflow.objects.filter(
            name=WORKFLOW_NAME, active=True).first()
        if workflow is None:
            return False
        workflow.start(obj, editor)
        obj.refresh_from_db()
        task_state = obj.current_workflow_task_state
        task = task_state.task.specific
        if not isinstance(task, ConsumerProtectionReviewTask):
            return False
        task.on_action(task_state, reviewer, "approve", checklist=list(CHECKLIST_KEYS),
                       comment=COMMENT, review_months=12)
        return True

    def review_lessons(self, editor, reviewer):
        lessons = (
            LessonPage.objects.live().filter(review_schedule__isnull=True)
            .specific().order_by("path")
        )
        count = 0
        for lesson in lessons:
            if lesson.current_workflow_state is not None:
                continue  # an editor's review under way: leave it to the reviewers
            with transaction.atomic():
                if self.approve(lesson, editor, reviewer):
                    count += 1
        return count

    def publish_alert(self, editor, reviewer):
        if ScamAlert.objects.exists():
            return False
        now = timezone.now()
        lesson = LessonPage.objects.filter(
            slug=ALERT_LESSON_SLUG, locale=Locale.get_default()).first()
        with transaction.atomic():
            alert = ScamAlert(
                **ALERT, link_page=lesson, starts_at=now,
                ends_at=now + datetime.timedelta(days=ALERT_DAYS), live=False,
            )
            alert.save()
            alert.save_revision(user=editor)
            return self.approve(alert, editor, reviewer)
