from django import template

from awards.models import badges_for_case

register = template.Library()


@register.inclusion_tag("awards/includes/case_badges.html")
def award_badges(case):
    """<li> badges for a case's published awards, in one query."""
    return {"results": badges_for_case(case)}


@register.filter
def award_url(award, archive_url):
    return award.path_under(archive_url)
