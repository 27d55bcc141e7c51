"""Small-number suppression for every public count by quartiere (statistical disclosure control).

A count below ``SOGLIA_PUBBLICA`` could point at a person, so it is never published (primary suppression).
Hiding it is not enough when the table also tells a total: if a row or column has exactly one hidden cell,
the total minus the visible cells gives it back. So the smallest visible cell of that row or column is hidden
as well (complementary suppression), and this is repeated until no row or column has a single hidden cell.
"""

from collections import defaultdict
from collections.abc import Hashable, Mapping

SOGLIA_PUBBLICA = 5  # counts by quartiere below this are never shown publicly


def celle_da_nascondere(
    celle: Mapping[tuple[Hashable, Hashable], int], soglia: int = SOGLIA_PUBBLICA
) -> set[tuple[Hashable, Hashable]]:
    """The ``(riga, colonna)`` keys of a table of counts that must not be published.

    Zero cells are not counts of anyone and are left alone. A one-dimensional list (quartiere → count, with its
    total published) is a table of one row: ``{(None, quartiere): n}``.
    """
    nascoste = {chiave for chiave, n in celle.items() if 0 < n < soglia}
    gruppi: dict[tuple[str, Hashable], list] = defaultdict(list)
    for chiave, n in celle.items():
        if n > 0:
            riga, colonna = chiave
            gruppi[("riga", riga)].append(chiave)
            gruppi[("colonna", colonna)].append(chiave)
    cambiato = bool(nascoste)
    while cambiato:
        cambiato = False
        for chiavi in gruppi.values():
            if sum(1 for chiave in chiavi if chiave in nascoste) != 1:
                continue
            visibili = [chiave for chiave in chiavi if chiave not in nascoste]
            if visibili:
                nascoste.add(min(visibili, key=lambda chiave: (celle[chiave], str(chiave))))
                cambiato = True
    return nascoste
