"""The portal's URLs and one bare view: the floor every page is compared with, behind the same middleware."""

from django.http import HttpResponse
from django.urls import path

from costellazioni.urls import urlpatterns as portal_urlpatterns


def floor(request):
    # What the middleware leaves to every view: the session read and the person loaded, when there is one.
    return HttpResponse("ok, signed in" if request.user.is_authenticated else "ok")


urlpatterns = [path("bench/floor/", floor), *portal_urlpatterns]
