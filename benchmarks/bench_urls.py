"""The portal's URLs and one bare view: the floor every page is compared with, behind the same middleware."""

from django.http import HttpResponse
from django.urls import path

from costellazioni.urls import urlpatterns as portal_urlpatterns


def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/floor/", floor), *portal_urlpatterns]
