"""The six municipalità of the Comune di Venezia and their main localities, with approximate
coordinates (WGS84). Loaded by migration ``0003_territorio``; kept here so tests and demo data
read the same list."""

MUNICIPALITA = [
    (
        1,
        "venezia-murano-burano",
        "Venezia-Murano-Burano",
        [
            ("Cannaregio", 45.4445, 12.3265),
            ("Castello", 45.4350, 12.3490),
            ("San Marco", 45.4340, 12.3380),
            ("Dorsoduro", 45.4310, 12.3250),
            ("San Polo", 45.4380, 12.3300),
            ("Santa Croce", 45.4400, 12.3220),
            ("Giudecca", 45.4260, 12.3260),
            ("Sacca Fisola", 45.4275, 12.3130),
            ("Sant'Elena", 45.4290, 12.3600),
            ("Murano", 45.4580, 12.3530),
            ("Burano", 45.4850, 12.4170),
            ("Mazzorbo", 45.4870, 12.4090),
            ("Torcello", 45.4970, 12.4180),
            ("Sant'Erasmo", 45.4560, 12.4050),
            ("Vignole", 45.4490, 12.3800),
        ],
    ),
    (
        2,
        "lido-pellestrina",
        "Lido-Pellestrina",
        [
            ("Lido", 45.4150, 12.3690),
            ("Malamocco", 45.3730, 12.3390),
            ("Alberoni", 45.3520, 12.3260),
            ("San Pietro in Volta", 45.3110, 12.3080),
            ("Pellestrina", 45.2800, 12.3030),
        ],
    ),
    (
        3,
        "favaro-veneto",
        "Favaro Veneto",
        [
            ("Favaro Veneto", 45.5140, 12.2880),
            ("Campalto", 45.4860, 12.2840),
            ("Dese", 45.5370, 12.2960),
            ("Tessera", 45.5050, 12.3320),
            ("Ca' Noghera", 45.5180, 12.3540),
        ],
    ),
    (
        4,
        "mestre-carpenedo",
        "Mestre-Carpenedo",
        [
            ("Mestre Centro", 45.4930, 12.2420),
            ("Carpenedo", 45.5020, 12.2550),
            ("Bissuola", 45.4990, 12.2530),
            ("Piraghetto", 45.4840, 12.2400),
            ("San Giuliano", 45.4790, 12.2640),
            ("Altobello", 45.4970, 12.2330),
            ("Via Piave", 45.4850, 12.2330),
            ("Terraglio", 45.5100, 12.2440),
        ],
    ),
    (
        5,
        "chirignago-zelarino",
        "Chirignago-Zelarino",
        [
            ("Chirignago", 45.4780, 12.2000),
            ("Zelarino", 45.5150, 12.2030),
            ("Gazzera", 45.4930, 12.2110),
            ("Asseggiano", 45.4880, 12.1860),
            ("Cipressina", 45.5000, 12.2070),
            ("Trivignano", 45.5220, 12.1810),
        ],
    ),
    (
        6,
        "marghera",
        "Marghera",
        [
            ("Marghera Città Giardino", 45.4690, 12.2230),
            ("Catene", 45.4670, 12.2010),
            ("Villabona", 45.4620, 12.2110),
            ("Ca' Emiliani", 45.4560, 12.2250),
            ("Malcontenta", 45.4380, 12.2040),
        ],
    ),
]
