from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ItalianFirstLocaleMiddleware:
    """Italian unless the person chose another language with the switcher (the language cookie).

    Unlike Django's LocaleMiddleware the browser's Accept-Language is ignored: the portal of an
    Italian municipality speaks Italian first, and English is an explicit choice.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RefuseNulCharactersMiddleware:
    """A 400 for a NUL character in the query string or the submitted form fields.

    PostgreSQL cannot store or compare text with NUL, so such a value would reach the database only to fail
    there with a 500. No person types it: refusing the request whole is the clear answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())
