"""Demo services added after the first release of the demo: created one by one, so an existing database gets them."""

from hubs.demo.hubs import SPORTELLO
from hubs.models import Hub, Servizio

S = Servizio

ALTRI_SERVIZI = {
    "hub-bissuola": [
        {
            "slug": "consulenza-runts",
            "nome": "Consulenza per l'iscrizione al RUNTS",
            "categoria": S.Categoria.PROGETTAZIONE,
            "destinatari": S.Destinatari.ETS,
            "accesso": S.Accesso.APPUNTAMENTO,
            "descrizione": "Un consulente segue le associazioni nell'iscrizione al Registro unico del Terzo settore.",
            "a_chi_e_rivolto": "Associazioni e organizzazioni di volontariato con sede nel Comune di Venezia.",
            "come_fare": "Chiedi un appuntamento dal portale: ti indichiamo i documenti da portare.",
            "cosa_serve": "Atto costitutivo, statuto vigente, ultimo rendiconto approvato.",
            "cosa_si_ottiene": "La verifica dello statuto e l'aiuto nella compilazione della domanda telematica.",
            "tempi_e_scadenze": "Appuntamento entro dieci giorni lavorativi dalla richiesta.",
            "argomenti": ["Associazioni", "Trasparenza amministrativa"],
        },
        {
            "slug": "punto-digitale",
            "nome": "Punto digitale: SPID e servizi online",
            "categoria": S.Categoria.ORIENTAMENTO,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Volontari formati aiutano ad attivare SPID, usare la CIE e i servizi online del Comune.",
            "a_chi_e_rivolto": "Chi usa poco computer e smartphone, in particolare le persone anziane.",
            "come_fare": "Vieni all'HUB negli orari di apertura con il documento d'identità e il telefono.",
            "cosa_serve": "Documento d'identità valido, tessera sanitaria, un numero di telefono e un'e-mail.",
            "cosa_si_ottiene": "L'identità digitale attiva e la prima prova di accesso a un servizio online.",
            "argomenti": ["Trasparenza amministrativa"],
        },
        {
            "slug": "doposcuola-solidale",
            "nome": "Doposcuola solidale",
            "categoria": S.Categoria.FORMAZIONE,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Aiuto nei compiti per ragazze e ragazzi delle scuole medie, con educatori e volontari.",
            "a_chi_e_rivolto": "Studenti delle scuole secondarie di primo grado di Mestre e Carpenedo.",
            "come_fare": "I genitori iscrivono i figli all'HUB il lunedì o il mercoledì pomeriggio.",
            "cosa_si_ottiene": "Due pomeriggi a settimana di studio accompagnato, da ottobre a maggio.",
            "tempi_e_scadenze": "Iscrizioni aperte tutto l'anno fino a esaurimento dei posti.",
            "argomenti": ["Istruzione"],
        },
        {
            "slug": "sportello-volontariato",
            "nome": "Sportello volontariato",
            "categoria": S.Categoria.ORIENTAMENTO,
            "destinatari": S.Destinatari.TUTTI,
            "accesso": S.Accesso.APPUNTAMENTO,
            "descrizione": "Chi vuole dedicare tempo agli altri trova l'associazione del quartiere che fa per sé.",
            "a_chi_e_rivolto": "Cittadine e cittadini di ogni età che vogliono fare volontariato.",
            "come_fare": "Chiedi un colloquio dal portale: ti proponiamo le associazioni che cercano volontari.",
            "cosa_si_ottiene": "Un colloquio di orientamento e il contatto con due o tre associazioni.",
            "argomenti": ["Associazioni"],
        },
    ],
    "hub-castello": [
        {
            "slug": "sala-prove-laboratori",
            "nome": "Sala prove e laboratori creativi",
            "categoria": S.Categoria.SPAZIO_ATTIVITA,
            "destinatari": S.Destinatari.ETS,
            "accesso": S.Accesso.PRENOTAZIONE_SPAZIO,
            "descrizione": "La sala Garibaldi ospita prove di cori, laboratori teatrali e corsi delle associazioni.",
            "a_chi_e_rivolto": "Associazioni culturali e gruppi informali del sestiere di Castello.",
            "come_fare": "Prenota la sala dal calendario dell'HUB almeno due giorni prima.",
            "cosa_si_ottiene": "L'uso gratuito della sala per attività aperte al quartiere.",
            "argomenti": ["Patrimonio culturale", "Tempo libero"],
        },
        {
            "slug": "orientamento-servizi-sociali",
            "nome": "Orientamento ai servizi sociali",
            "categoria": S.Categoria.ORIENTAMENTO,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Un'assistente sociale ascolta e indirizza al servizio giusto del Comune o dell'ULSS.",
            "a_chi_e_rivolto": "Persone e famiglie in difficoltà che non sanno a chi rivolgersi.",
            "come_fare": "Vieni all'HUB il martedì mattina, senza appuntamento.",
            "cosa_si_ottiene": "Un primo colloquio riservato e l'invio al servizio competente.",
            "argomenti": ["Assistenza sociale"],
        },
        {
            "slug": "italiano-per-donne",
            "nome": "Italiano per donne straniere",
            "categoria": S.Categoria.FORMAZIONE,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Un corso di lingua italiana con spazio bimbi, tenuto da insegnanti volontarie.",
            "a_chi_e_rivolto": "Donne con cittadinanza straniera che vivono nel centro storico.",
            "come_fare": "Iscriviti all'HUB il giovedì mattina; il corso segue il calendario scolastico.",
            "cosa_si_ottiene": "Due lezioni a settimana e un attestato di frequenza a fine corso.",
            "argomenti": ["Integrazione sociale", "Immigrazione", "Istruzione"],
        },
    ],
}


def altri_servizi_create() -> None:
    for hub in Hub.objects.filter(slug__in=ALTRI_SERVIZI).select_related("ente_gestore"):
        for servizio in ALTRI_SERVIZI[hub.slug]:
            fields = {k: v for k, v in servizio.items() if k != "slug"}
            Servizio.objects.get_or_create(
                hub=hub,
                slug=servizio["slug"],
                defaults={
                    **fields,
                    "ente_erogatore": hub.ente_gestore,
                    "ufficio_responsabile": SPORTELLO["ufficio_responsabile"],
                },
            )
