"""The admin index's review desk module (claims.admin_review.desk_summary)."""

from django import template

from claims.admin_review import desk_summary

register = template.Library()


@register.simple_tag(takes_context=True)
def review_desk(context) -> dict:
    """The queue's size for a publisher, and the drafts sent back to this user."""
    return desk_summary(context["request"].user)
