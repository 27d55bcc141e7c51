"""Demo HUBs: one in Mestre by Parco Bissuola, one in Castello, with their next public events.

Idempotent: a second run changes nothing. The data live by concept (``hubs``, ``eventi``, ``servizi``); the
bookings, the appointment and the connection are made here, through the services, the first time.
"""

from django.db import transaction
from django.utils import timezone

from costellazioni.models import Ente, User
from hubs import services
from hubs.demo.eventi import eventi_create
from hubs.demo.hubs import HUBS, hub_create, next_day
from hubs.demo.servizi import altri_servizi_create
from hubs.models import Chiusura


@transaction.atomic
def seed() -> None:
    staff = User.objects.get(email="staff@costellazioni.example")
    referente = User.objects.get(email="referente@costellazioni.example")
    cittadina = User.objects.get(email="cittadina@costellazioni.example")
    bissuola, created = hub_create(HUBS[0])
    castello, _castello_created = hub_create(HUBS[1])
    altri_servizi_create()
    eventi_create()
    if not created:
        return
    # A closed Saturday, which the booking calendar shows.
    chiuso = next_day(5, 9, 3).date()
    Chiusura.objects.create(hub=bissuola, data_inizio=chiuso, data_fine=chiuso, motivo="Assemblea del personale")
    sala = bissuola.spazi.get(slug="sala-parco")
    saletta = bissuola.spazi.get(slug="saletta-riunioni")
    ente = Ente.objects.get(denominazione="Spazio Bissuola APS")
    confermata = services.prenotazione_request(
        user=referente,
        spazio=sala,
        inizio=next_day(1, 15, 1),
        fine=next_day(1, 18, 1),
        scopo="Laboratorio di riparazione biciclette per ragazzi",
        partecipanti=25,
        ente=ente,
    )
    services.prenotazione_confirm(prenotazione=confermata, actor=staff)
    services.prenotazione_request(
        user=referente,
        spazio=saletta,
        inizio=next_day(3, 10, 1),
        fine=next_day(3, 12, 1),
        scopo="Riunione del direttivo",
        partecipanti=8,
        ente=ente,
    )
    services.prenotazione_request(
        user=cittadina,
        spazio=sala,
        inizio=next_day(2, 16, 1),
        fine=next_day(2, 17, 1),
        scopo="Incontro del gruppo di lettura",
        partecipanti=12,
    )
    sportello = castello.servizi.get(slug="sportello-progetti")
    appuntamento = services.appuntamento_request(
        user=referente,
        servizio=sportello,
        tema="Partenariato per il bando Idee in Comune",
        descrizione="Cerchiamo partner nel centro storico per un servizio di accompagnamento degli anziani.",
        disponibilita="Martedì o mercoledì mattina",
        ente=ente,
    )
    services.appuntamento_fix(
        appuntamento=appuntamento, inizio=next_day(2, 11, 1), fine=next_day(2, 12, 1), actor=staff
    )
    services.connessione_record(
        hub=castello,
        ente_a=ente,
        ente_b=Ente.objects.get(denominazione="Giudecca Solidale ODV"),
        scopo="Accompagnamento degli anziani soli tra Mestre e Giudecca",
        data=timezone.localdate(),
        actor=staff,
    )
