"""What the fuzz test visits: every public and personal-area URL of the URLconf, with real arguments from the demo.

Routes are discovered from the URLconf; ``ARGUMENTS`` gives, per route name, the arguments that reach a real
object of the demo data (the logged-in person's own, where they have one). A route it does not know gets
arguments from its converters (1 for a number, a made-up slug), so new pages are fuzzed from the day they land,
as "not found" until someone adds them here.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

# Not forms of people: the admin (its own smoke test), language and logout (they change the client, not data),
# the health probe (503 is its answer when the database is away).
EXCLUDED_PREFIXES = ("admin/", "i18n/", "healthz", "accounts/logout/")
# Allauth's pages that a visitor fills in; the others need a key from an e-mail.
ACCOUNT_PAGES = ("accounts/login/", "accounts/signup/", "accounts/password/reset/")


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    converters: dict[str, str]


def _walk(patterns, prefix="", namespace=None) -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            child = pattern.namespace
            inner = f"{namespace}:{child}" if namespace and child else (child or namespace)
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            converters = (
                {key: type(conv).__name__ for key, conv in pattern.pattern.converters.items()}
                if isinstance(pattern.pattern, RoutePattern)
                else dict.fromkeys(pattern.pattern.regex.groupindex, "regex")
            )
            yield Route(route=route, name=name, converters=converters)


def routes() -> list[Route]:
    found = []
    for route in _walk(get_resolver().url_patterns):
        if route.route.startswith(EXCLUDED_PREFIXES):
            continue
        if route.route.startswith("accounts/") and not route.route.startswith(ACCOUNT_PAGES):
            continue
        found.append(route)
    return found


def _first(queryset, **values):
    obj = queryset.order_by("pk").first()
    if obj is None:
        return None
    return {key: (value(obj) if callable(value) else value) for key, value in values.items()}


def _candidatura(user):
    from contributi.models import Candidatura

    return Candidatura.objects.filter(ente__memberships__user=user)


def _arguments() -> dict[str, Callable]:
    from antenne.models import Antenna, Attivita, Offerta, RichiestaPortierato, Scambio, Seguito, SocioBancaDelTempo
    from contributi.models import (
        Allegato,
        Bando,
        Candidatura,
        Concessione,
        DocumentoBando,
        DocumentoIntegrazione,
        Rendiconto,
        Rettifica,
        Spesa,
    )
    from costellazioni.models import Membership, Messaggio
    from costellazioni.models.notifiche import AllegatoMessaggio
    from hubs.models import Appuntamento, EventoHub, Hub, Prenotazione, Servizio, Spazio

    pk = lambda obj: obj.pk  # noqa: E731
    return {
        "area_personale_ritira": lambda u: _first(Membership.objects.filter(user=u), pk=pk),
        "area_personale_messaggio_letto": lambda u: _first(Messaggio.objects.filter(destinatario=u), pk=pk),
        "area_personale_messaggio_allegato": lambda u: _first(
            AllegatoMessaggio.objects.filter(messaggio__destinatario=u), pk=lambda a: a.messaggio_id, allegato=pk
        ),
        "hubs_area_personale:annulla_prenotazione": lambda u: _first(Prenotazione.objects.filter(richiedente=u), pk=pk),
        "hubs_area_personale:annulla_appuntamento": lambda u: _first(Appuntamento.objects.filter(richiedente=u), pk=pk),
        **{
            name: (lambda u: _first(_candidatura(u).exclude(stato="bozza"), pk=pk))
            for name in (
                "area_personale_candidatura",
                "area_personale_candidatura_ricevuta",
                "area_personale_candidatura_ritira",
                "area_personale_candidatura_integrazioni",
                "area_personale_candidatura_osservazioni",
                "valutazioni:dettaglio",
            )
        },
        **{
            name: (
                lambda u: _first(
                    Concessione.objects.filter(candidatura__in=_candidatura(u)), pk=lambda c: c.candidatura_id
                )
            )
            for name in (
                "area_personale_contributo",
                "area_personale_accettazione",
                "area_personale_rinuncia",
                "area_personale_rendiconto_nuovo",
            )
        },
        **{
            name: (
                lambda u: _first(
                    Rendiconto.objects.filter(concessione__candidatura__in=_candidatura(u)),
                    pk=lambda r: r.concessione.candidatura_id,
                    rid=pk,
                )
            )
            for name in (
                "area_personale_rendiconto",
                "area_personale_rendiconto_presenta",
                "area_personale_spesa_nuova",
            )
        },
        **{
            name: (
                lambda u: _first(
                    Spesa.objects.filter(rendiconto__concessione__candidatura__in=_candidatura(u)),
                    pk=lambda s: s.rendiconto.concessione.candidatura_id,
                    rid=lambda s: s.rendiconto_id,
                    sid=pk,
                )
            )
            for name in ("area_personale_spesa_elimina", "area_personale_giustificativo")
        },
        "hubs:detail": lambda u: _first(Hub.objects.all(), slug=lambda h: h.slug),
        "hubs:servizio": lambda u: _first(Servizio.objects.all(), slug=lambda s: s.hub.slug, servizio=lambda s: s.slug),
        "hubs:appuntamento": lambda u: _first(
            Servizio.objects.filter(accesso=Servizio.Accesso.APPUNTAMENTO),
            slug=lambda s: s.hub.slug,
            servizio=lambda s: s.slug,
        ),
        "hubs:prenota": lambda u: _first(Spazio.objects.all(), slug=lambda s: s.hub.slug, spazio=lambda s: s.slug),
        "hubs:evento": lambda u: _first(EventoHub.objects.all(), slug=lambda e: e.hub.slug, evento=lambda e: e.slug),
        "hubs:evento_ics": lambda u: _first(
            EventoHub.objects.all(), slug=lambda e: e.hub.slug, evento=lambda e: e.slug
        ),
        "antenne:dettaglio": lambda u: _first(Antenna.objects.all(), pk=pk),
        "antenne:richiesta_azione": lambda u: _first(RichiestaPortierato.objects.filter(richiedente=u), pk=pk),
        "operatori:attivita_foto": lambda u: _first(Attivita.objects.filter(operatore__user=u), pk=pk),
        "operatori:antenna": lambda u: _first(Antenna.objects.filter(operatore__user=u), pk=pk),
        "operatori:seguito_fatto": lambda u: _first(Seguito.objects.filter(operatore__user=u), pk=pk),
        "operatori:portierato_stato": lambda u: _first(RichiestaPortierato.objects.all(), pk=pk),
        "banca_del_tempo:scambio_nuovo": lambda u: _first(
            Offerta.objects.exclude(socio__user=u), tipo="offerta", pk=pk
        ),
        "banca_del_tempo:scambio_azione": lambda u: _first(Scambio.objects.all(), pk=pk),
        "banca_del_tempo:scrivi": lambda u: _first(SocioBancaDelTempo.objects.verificati().exclude(user=u), pk=pk),
        "contributi:allegato": lambda u: _first(Allegato.objects.filter(candidatura__in=_candidatura(u)), pk=pk),
        "contributi:documento_integrazione": lambda u: _first(DocumentoIntegrazione.objects.all(), pk=pk),
        "contributi:documento": lambda u: _first(DocumentoBando.objects.all(), slug=lambda d: d.bando.slug, pk=pk),
        "contributi:rettifica": lambda u: _first(
            Rettifica.objects.all(), slug=lambda r: r.bando.slug, numero=lambda r: r.numero
        ),
        "contributi:passo": lambda u: _first(
            Candidatura.objects.filter(stato="bozza", ente__memberships__user=u), slug=lambda c: c.bando.slug, pk=pk
        ),
        "trasparenza_contributi:dettaglio": lambda u: _first(Concessione.objects.all(), pk=pk),
        **{
            name: (lambda u: _first(Bando.objects.exclude(stato="bozza"), slug=lambda b: b.slug))
            for name in (
                "contributi:bando",
                "contributi:testo",
                "contributi:graduatoria",
                "contributi:graduatoria_pdf",
                "contributi:candidatura",
            )
        },
    }


FALLBACK = {"IntConverter": 1, "SlugConverter": "inesistente", "StringConverter": "inesistente", "regex": "1"}


def urls_for(route: Route, user) -> list[str]:
    """The URLs to visit for ``route``: one per argument set (every step of the application wizard)."""
    if not route.converters:
        return [reverse(route.name)] if ":" in route.name or route.name else []
    table = _arguments()
    kwargs = None
    if route.name in table:
        try:
            kwargs = table[route.name](user)
        except (AttributeError, TypeError, ValueError):
            kwargs = None
    if kwargs is None:
        kwargs = {key: FALLBACK[conv] for key, conv in route.converters.items()}
        if route.converters.get("tipo"):
            kwargs["tipo"] = "offerta"
    if "passo" in route.converters:
        from contributi.views.candidature import PASSI

        return [reverse(route.name, kwargs={**kwargs, "passo": passo}) for passo in PASSI]
    return [reverse(route.name, kwargs=kwargs)]
