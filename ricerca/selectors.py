"""Reads of the research-action that span several models: survey results, maturity aggregates, public figures."""

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Avg, Count

from ricerca.models import (
    Bisogno,
    CategoriaBisogno,
    Compilazione,
    DimensioneMaturita,
    Domanda,
    Questionario,
    RilevazioneMaturita,
    ValutazioneMaturita,
)
from ricerca.riservatezza import celle_da_nascondere


@dataclass
class RisultatoDomanda:
    domanda: Domanda
    risposte: int
    conteggi: list[tuple[str, int]] = field(default_factory=list)  # choices and scales: (option, count)
    media: float | None = None  # scales and numbers
    testi: list[str] = field(default_factory=list)  # free text and dates

    @property
    def massimo(self) -> int:
        return max((n for _, n in self.conteggi), default=0)


def compilazioni_inviate(questionario: Questionario):
    return (
        Compilazione.objects.filter(questionario=questionario, inviata_il__isnull=False)
        .prefetch_related("risposte")
        .order_by("inviata_il", "pk")
    )


def risultati(questionario: Questionario) -> list[RisultatoDomanda]:
    """Per question, in order: how many answered, counts per option or scale value, mean, texts. Two queries."""
    domande = list(questionario.domande.all())
    valori: dict[int, list] = {d.pk: [] for d in domande}
    for compilazione in compilazioni_inviate(questionario):
        for risposta in compilazione.risposte.all():
            valori.setdefault(risposta.domanda_id, []).append(risposta.valore)
    T = Domanda.Tipo
    out = []
    for domanda in domande:
        dati = valori[domanda.pk]
        risultato = RisultatoDomanda(domanda=domanda, risposte=len(dati))
        if domanda.tipo in Domanda.TIPI_CON_OPZIONI:
            contatore = Counter(v for valore in dati for v in (valore if isinstance(valore, list) else [valore]))
            risultato.conteggi = [(scelta, contatore.get(scelta, 0)) for scelta in domanda.scelte]
        elif domanda.scala is not None:
            contatore = Counter(dati)
            risultato.conteggi = [(str(n), contatore.get(n, 0)) for n in domanda.scala]
            risultato.media = round(mean(dati), 2) if dati else None
        elif domanda.tipo == T.NUMERO:
            risultato.media = round(mean(float(v) for v in dati), 2) if dati else None
            risultato.testi = [str(v) for v in dati]
        else:
            risultato.testi = [str(v) for v in dati]
        out.append(risultato)
    return out


def righe_risposte(questionario: Questionario) -> tuple[list[str], list[list]]:
    """Header and one row per sent response, every question a column (multiple choices joined by "; ")."""
    domande = list(questionario.domande.all())
    intestazione = ["#", "inviata_il", *[d.testo for d in domande]]
    righe = []
    for numero, compilazione in enumerate(compilazioni_inviate(questionario), start=1):
        per_domanda = {r.domanda_id: r.valore for r in compilazione.risposte.all()}
        riga = [numero, compilazione.inviata_il.isoformat(timespec="seconds")]
        for domanda in domande:
            valore = per_domanda.get(domanda.pk, "")
            riga.append("; ".join(valore) if isinstance(valore, list) else valore)
        righe.append(riga)
    return intestazione, righe


@dataclass
class MaturitaRilevazione:
    rilevazione: RilevazioneMaturita
    medie: list[float | None]  # one per dimension, in the framework's order
    valutatori: int


def maturita_per_rilevazione() -> tuple[list[DimensioneMaturita], list[MaturitaRilevazione]]:
    """The framework's dimensions and, for each round, the mean score per dimension. Three queries."""
    dimensioni = list(DimensioneMaturita.objects.all())
    rilevazioni = list(RilevazioneMaturita.objects.annotate(valutatori=Count("valutazioni__autore", distinct=True)))
    medie = {
        (r["rilevazione_id"], r["dimensione_id"]): round(float(r["media"]), 2)
        for r in ValutazioneMaturita.objects.values("rilevazione_id", "dimensione_id").annotate(media=Avg("punteggio"))
    }
    return dimensioni, [
        MaturitaRilevazione(rilevazione=r, medie=[medie.get((r.pk, d.pk)) for d in dimensioni], valutatori=r.valutatori)
        for r in rilevazioni
    ]


def bisogni_per_categoria() -> list[tuple[str, int]]:
    """City-wide counts by category, in the taxonomy's order, inactive categories included. One query."""
    return [
        (categoria.nome, categoria.n)
        for categoria in CategoriaBisogno.objects.annotate(n=Count("bisogni")).filter(n__gt=0)
    ]


def bisogni_per_quartiere_pubblici() -> tuple[list[tuple[str, int]], int]:
    """Counts by quartiere that may be published, and how many needs fall in the hidden ones.

    The hidden total is published, so it counts as a total: see ``ricerca.riservatezza``.
    """
    righe = dict(Bisogno.objects.filter(quartiere__isnull=False).values_list("quartiere__nome").annotate(n=Count("pk")))
    nascoste = {nome for _riga, nome in celle_da_nascondere({(None, nome): n for nome, n in righe.items()})}
    visibili = sorted(((nome, n) for nome, n in righe.items() if nome not in nascoste), key=lambda r: (-r[1], r[0]))
    return visibili, sum(righe[nome] for nome in nascoste)
