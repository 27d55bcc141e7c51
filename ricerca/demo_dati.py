"""Texts of the research-action demo: the maturity framework, the needs survey, the first theory of change."""

from ricerca.models import Domanda, ElementoToc, Stakeholder

DIMENSIONI = [
    (
        "Reti",
        "Quanto gli attori del welfare lavorano insieme.",
        [
            "Attori isolati",
            "Contatti occasionali",
            "Collaborazioni su singoli progetti",
            "Reti stabili di quartiere",
            "Rete cittadina che co-progetta",
        ],
    ),
    (
        "Risorse",
        "Quanto il territorio genera e condivide risorse.",
        [
            "Solo fondi pubblici",
            "Qualche donazione",
            "Risorse condivise tra enti",
            "Fondi misti pubblico-privato",
            "Risorse generate dalla comunità stessa",
        ],
    ),
    (
        "Competenze",
        "Competenze di progettazione e valutazione.",
        ["Assenti", "In pochi enti", "Diffuse ma non formalizzate", "Formazione continua", "Comunità di pratica"],
    ),
    (
        "Partecipazione",
        "Quanto i cittadini partecipano alle decisioni.",
        [
            "Informati a cose fatte",
            "Consultati",
            "Coinvolti nelle scelte",
            "Collaborano alla realizzazione",
            "Co-decidono",
        ],
    ),
    (
        "Governance",
        "Regole e luoghi condivisi di decisione.",
        [
            "Nessun luogo condiviso",
            "Incontri informali",
            "Tavoli periodici",
            "Patti e protocolli firmati",
            "Amministrazione condivisa stabile",
        ],
    ),
]


DOMANDE = [
    (
        "In quale zona vivi?",
        Domanda.Tipo.SCELTA_SINGOLA,
        True,
        "Venezia centro storico\nIsole\nLido e Pellestrina\nMestre\nMarghera\nFavaro e Campalto\nChirignago e Zelarino",
    ),
    ("Quanti anni hai?", Domanda.Tipo.SCELTA_SINGOLA, True, "Meno di 25\n25-44\n45-64\n65-79\n80 o più"),
    (
        "Quali di questi bisogni senti più vicini?",
        Domanda.Tipo.SCELTA_MULTIPLA,
        True,
        "Solitudine\nCasa\nLavoro\nSalute\nFamiglia e figli\nMobilità\nCompetenze digitali\nSpazi di incontro",
    ),
    ("Ti capita di sentirti solo o sola?", Domanda.Tipo.SCELTA_SINGOLA, True, "Mai\nQualche volta\nSpesso"),
    ("Che cosa ti aiuterebbe a sentirti meno solo o sola?", Domanda.Tipo.TESTO_LUNGO, False, ""),
    ("Quanto ti fidi delle persone del tuo quartiere?", Domanda.Tipo.SCALA_5, True, ""),
    (
        "Quanto è probabile che consiglieresti a un amico le attività delle associazioni del quartiere?",
        Domanda.Tipo.SCALA_10,
        False,
        "",
    ),
    ("Quante ore al mese potresti dedicare al volontariato?", Domanda.Tipo.NUMERO, False, ""),
    ("Quando hai partecipato l'ultima volta a un'iniziativa del quartiere?", Domanda.Tipo.DATA, False, ""),
    ("Una cosa che manca nel tuo quartiere, in poche parole", Domanda.Tipo.TESTO_BREVE, False, ""),
]


FRASI = [
    "Un doposcuola gratuito",
    "Panchine e ombra nel parco",
    "Un medico di base più vicino",
    "Corsi per usare lo smartphone",
    "Una sala per le feste di quartiere",
    "Più vaporetti la sera",
]


ELEMENTI = [
    ("p1", ElementoToc.Tipo.PROBLEMA, "Isolamento sociale di anziani e famiglie fragili"),
    ("p2", ElementoToc.Tipo.PROBLEMA, "ETS frammentati e poco collegati"),
    ("a1", ElementoToc.Tipo.ATTIVITA, "HUB e antenne di quartiere"),
    ("a2", ElementoToc.Tipo.ATTIVITA, "Contributi a progetti innovativi"),
    ("a3", ElementoToc.Tipo.ATTIVITA, "Co-programmazione con gli ETS"),
    ("o1", ElementoToc.Tipo.OUTPUT, "Persone agganciate dagli operatori di comunità"),
    ("o2", ElementoToc.Tipo.OUTPUT, "Progetti finanziati e protocolli firmati"),
    ("b1", ElementoToc.Tipo.OUTCOME_BREVE, "Più relazioni di aiuto tra vicini"),
    ("b2", ElementoToc.Tipo.OUTCOME_BREVE, "Reti stabili tra ETS e Comune"),
    ("m1", ElementoToc.Tipo.OUTCOME_MEDIO, "Partecipazione attiva dei cittadini"),
    ("i1", ElementoToc.Tipo.IMPATTO, "Una città sicura di sé: welfare generativo e partecipativo"),
]


LINK = [
    ("p1", "a1"),
    ("p2", "a3"),
    ("p2", "a2"),
    ("a1", "o1"),
    ("a2", "o2"),
    ("a3", "o2"),
    ("o1", "b1"),
    ("o2", "b2"),
    ("b1", "m1"),
    ("b2", "m1"),
    ("m1", "i1"),
]


STAKEHOLDER_EXTRA = [
    ("Comitato genitori scuola Filzi", Stakeholder.Tipo.GRUPPO_INFORMALE, "bissuola", 5, 2),
    ("Gruppo di cammino Parco San Giuliano", Stakeholder.Tipo.GRUPPO_INFORMALE, "san-giuliano", 4, 1),
    ("Azienda ULSS 3 Serenissima — Distretto 1", Stakeholder.Tipo.PUBBLICO, None, 3, 5),
    ("Università Ca' Foscari — Dipartimento di Economia", Stakeholder.Tipo.SCUOLA, "dorsoduro", 4, 3),
    ("Parrocchia di San Pietro di Castello", Stakeholder.Tipo.ALTRO, "castello", 2, 3),
]
