"""The French names of the Council of Europe member states, as the Council writes them.

Compilations name every Party in English and French, and the French interface uses the French name.
The baseline file gives English names only, so a country without a French name takes it from here.
"""

FRENCH_NAMES = {
    "AD": "Andorre", "AL": "Albanie", "AM": "Arménie", "AT": "Autriche", "AZ": "Azerbaïdjan",
    "BA": "Bosnie-Herzégovine", "BE": "Belgique", "BG": "Bulgarie", "CH": "Suisse", "CY": "Chypre",
    "CZ": "République tchèque", "DE": "Allemagne", "DK": "Danemark", "EE": "Estonie", "ES": "Espagne",
    "FI": "Finlande", "FR": "France", "GB": "Royaume-Uni", "GE": "Géorgie", "GR": "Grèce",
    "HR": "Croatie", "HU": "Hongrie", "IE": "Irlande", "IS": "Islande", "IT": "Italie",
    "LI": "Liechtenstein", "LT": "Lituanie", "LU": "Luxembourg", "LV": "Lettonie", "MC": "Monaco",
    "MD": "République de Moldova", "ME": "Monténégro", "MK": "Macédoine du Nord", "MT": "Malte",
    "NL": "Pays-Bas", "NO": "Norvège", "PL": "Pologne", "PT": "Portugal", "RO": "Roumanie",
    "RS": "Serbie", "RU": "Fédération de Russie", "SE": "Suède", "SI": "Slovénie",
    "SK": "République slovaque", "SM": "Saint-Marin", "TR": "Turquie", "UA": "Ukraine",
}
