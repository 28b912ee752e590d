"""``{% translation_review_url instance %}``: where this user sends a translation to review."""

from django import template

from ..translation_review import submit_url, submittable

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_review_url(context, instance):
    """The "send to the review" address for a synced translation, or "" when not possible."""
    request = context.get("request")
    if request is None or instance is None or submittable(request.user, instance) is None:
        return ""
    return submit_url(instance)
