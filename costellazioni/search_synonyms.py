"""The programme's words and what people call them: the site search reads a query through these synonyms.

Each group lists words (or phrases) that ask for the same thing; a query word that matches one of them also
matches the others. PostgreSQL's Italian stemmer already joins the forms of one word ("bando"/"bandi",
"prenotare"/"prenotazione"), so a group needs only one form of each word; the lookup here ignores final vowels
and accents the same way, so "contributi" finds the "contributo" group.
"""

import re
import unicodedata

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("bando", "contributo", "finanziamento", "avviso pubblico", "sovvenzione"),
    ("sala", "saletta", "spazio", "stanza", "aula", "locali"),
    ("prenotare", "riservare", "affittare"),
    ("volontariato", "volontario", "volontaria", "banca del tempo"),
    ("anziano", "anziana", "terza età"),
    ("appuntamento", "sportello", "colloquio"),
    ("riunione", "incontro", "assemblea"),
    ("corso", "formazione", "laboratorio"),
    ("questionario", "sondaggio", "indagine"),
    ("associazione", "ente", "terzo settore", "ets", "organizzazione"),
    ("quartiere", "rione", "sestiere"),
    ("portierato", "portineria", "antenna"),
    ("solitudine", "isolamento"),
    ("orto", "verde condiviso", "giardino"),
    ("impresa sociale", "cooperativa"),
    ("aiuto", "assistenza", "supporto", "sostegno"),
    ("evento", "iniziativa", "appuntamento pubblico"),
    ("graduatoria", "classifica", "esito"),
    ("privacy", "dati personali", "riservatezza"),
    ("candidatura", "domanda", "richiesta di contributo"),
)

_WORD = re.compile(r"[^\W_]+")


def _plain(text: str) -> str:
    """Lower case, without accents: how the documents are indexed (``unaccent``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(text: str) -> list[str]:
    return _WORD.findall(_plain(text))


def _key(word: str) -> str:
    # A crude stand-in for the stemmer, enough to find a word's group: "bandi"/"bando" -> "band".
    return word.rstrip("aeiou") if len(word) > 3 else word


def _build_index() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    index: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in SYNONYMS:
        phrases = tuple(tuple(_words(term)) for term in group)
        for phrase in phrases:
            index[tuple(_key(word) for word in phrase)] = phrases
    return index


_INDEX = _build_index()
_LONGEST = max(len(key) for key in _INDEX)


def _alternative(phrase: tuple[str, ...]) -> str:
    # Words of a phrase follow each other; the stemmer drops stop words and keeps their distance.
    return " <-> ".join(phrase)


def expand_query(query: str) -> tuple[str, str]:
    """Two ``to_tsquery`` texts for ``query``: any concept of it (``matching``) and all of them (``strict``).

    A concept is a word of the query, or a phrase of the synonym table, with its synonyms as alternatives.
    Only letters and digits reach ``to_tsquery``, so no input can break its syntax.
    """
    words = [word for word in _words(query) if len(word) > 1 or word.isdigit()]
    groups: list[str] = []
    position = 0
    while position < len(words):
        for length in range(min(_LONGEST, len(words) - position), 0, -1):
            key = tuple(_key(word) for word in words[position : position + length])
            if key in _INDEX:
                typed = tuple(words[position : position + length])
                alternatives = dict.fromkeys([_alternative(typed), *map(_alternative, _INDEX[key])])
                groups.append("(" + " | ".join(alternatives) + ")")
                position += length
                break
        else:
            groups.append(words[position])
            position += 1
    groups = list(dict.fromkeys(groups))
    return " | ".join(groups), " & ".join(groups)
