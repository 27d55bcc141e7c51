from django.conf import settings

from costellazioni.unread import unread_count


def portal(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = unread_count(user)
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PROGRAMME_OFFICE": settings.PROGRAMME_OFFICE,
        "ACCESSIBILITY_FORM_URL": settings.AGID_ACCESSIBILITY_FORM_URL,
        "unread_messages": unread,
    }
