"""Vocabularies the generator draws from: names, places, phones, companies, products.

Names come from Faker's locale providers (weighted by frequency where Faker has weights),
nicknames from the `nicknames` data set. Places are a short list of real cities with the
postal-code shape and phone numbering of each country.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import random
from dataclasses import dataclass

from faker.providers.job.en_US import Provider as JobProvider
from faker.providers.person.de_DE import Provider as PersonDE
from faker.providers.person.en_US import Provider as PersonUS
from faker.providers.person.es_ES import Provider as PersonES
from faker.providers.person.fr_FR import Provider as PersonFR


@dataclass(frozen=True)
class City:
    name: str
    region: str
    country: str  # ISO 3166-1 alpha-2
    postal_prefix: str
    area_codes: tuple[str, ...]


# country -> share of people, calling code, locale of names
COUNTRIES: dict[str, tuple[float, str, str]] = {
    "US": (0.74, "1", "en_US"),
    "GB": (0.06, "44", "en_US"),
    "CA": (0.05, "1", "en_US"),
    "DE": (0.06, "49", "de_DE"),
    "FR": (0.04, "33", "fr_FR"),
    "ES": (0.03, "34", "es_ES"),
    "NL": (0.02, "31", "en_US"),
}

CITIES: tuple[City, ...] = (
    City("New York", "NY", "US", "100", ("212", "646", "917")),
    City("Brooklyn", "NY", "US", "112", ("718", "347")),
    City("Los Angeles", "CA", "US", "900", ("213", "310", "323")),
    City("San Francisco", "CA", "US", "941", ("415", "628")),
    City("San Diego", "CA", "US", "921", ("619", "858")),
    City("Chicago", "IL", "US", "606", ("312", "773")),
    City("Houston", "TX", "US", "770", ("713", "832")),
    City("Austin", "TX", "US", "787", ("512", "737")),
    City("Dallas", "TX", "US", "752", ("214", "469")),
    City("Phoenix", "AZ", "US", "850", ("602", "480")),
    City("Philadelphia", "PA", "US", "191", ("215", "267")),
    City("Pittsburgh", "PA", "US", "152", ("412",)),
    City("Seattle", "WA", "US", "981", ("206", "425")),
    City("Portland", "OR", "US", "972", ("503", "971")),
    City("Denver", "CO", "US", "802", ("303", "720")),
    City("Boston", "MA", "US", "021", ("617", "857")),
    City("Miami", "FL", "US", "331", ("305", "786")),
    City("Orlando", "FL", "US", "328", ("407", "321")),
    City("Atlanta", "GA", "US", "303", ("404", "678")),
    City("Minneapolis", "MN", "US", "554", ("612",)),
    City("Detroit", "MI", "US", "482", ("313",)),
    City("Nashville", "TN", "US", "372", ("615",)),
    City("Charlotte", "NC", "US", "282", ("704", "980")),
    City("Columbus", "OH", "US", "432", ("614",)),
    City("Salt Lake City", "UT", "US", "841", ("801",)),
    City("Kansas City", "MO", "US", "641", ("816",)),
    City("London", "England", "GB", "SW", ("20",)),
    City("Manchester", "England", "GB", "M", ("161",)),
    City("Edinburgh", "Scotland", "GB", "EH", ("131",)),
    City("Toronto", "ON", "CA", "M5", ("416", "647")),
    City("Vancouver", "BC", "CA", "V6", ("604", "778")),
    City("Montréal", "QC", "CA", "H2", ("514", "438")),
    City("Berlin", "Berlin", "DE", "10", ("30",)),
    City("München", "Bayern", "DE", "80", ("89",)),
    City("Köln", "Nordrhein-Westfalen", "DE", "50", ("221",)),
    City("Hamburg", "Hamburg", "DE", "20", ("40",)),
    City("Paris", "Île-de-France", "FR", "75", ("1",)),
    City("Lyon", "Auvergne-Rhône-Alpes", "FR", "69", ("4",)),
    City("Madrid", "Madrid", "ES", "28", ("91",)),
    City("Barcelona", "Cataluña", "ES", "08", ("93",)),
    City("Amsterdam", "Noord-Holland", "NL", "10", ("20",)),
    City("Rotterdam", "Zuid-Holland", "NL", "30", ("10",)),
)

STREET_WORDS_US = (
    "Main",
    "Oak",
    "Maple",
    "Cedar",
    "Pine",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
    "Sunset",
    "Lincoln",
    "Jackson",
    "Franklin",
    "Highland",
    "Church",
    "Mill",
    "River",
    "Spring",
    "Ridge",
    "Walnut",
    "Chestnut",
    "Madison",
    "Jefferson",
    "Adams",
    "Valley",
)
STREET_SUFFIXES_US = (
    ("Street", "St"),
    ("Avenue", "Ave"),
    ("Road", "Rd"),
    ("Boulevard", "Blvd"),
    ("Drive", "Dr"),
    ("Lane", "Ln"),
    ("Court", "Ct"),
    ("Place", "Pl"),
    ("Terrace", "Ter"),
)
STREET_WORDS_INTL = {
    "GB": ("High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane"),
    "DE": ("Hauptstraße", "Schillerstraße", "Goethestraße", "Bahnhofstraße", "Gartenweg"),
    "FR": ("rue de la Paix", "avenue Victor Hugo", "rue Pasteur", "boulevard Voltaire"),
    "ES": ("Calle Mayor", "Calle de Alcalá", "Avenida de América", "Calle Serrano"),
    "NL": ("Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg"),
}
UNIT_WORDS = (("Apartment", "Apt"), ("Suite", "Ste"), ("Unit", "Unit"))

PERSONAL_EMAIL_DOMAINS = (
    ("gmail.com", 0.42),
    ("yahoo.com", 0.14),
    ("hotmail.com", 0.10),
    ("outlook.com", 0.09),
    ("icloud.com", 0.08),
    ("aol.com", 0.03),
    ("comcast.net", 0.03),
    ("gmx.de", 0.03),
    ("web.de", 0.02),
    ("orange.fr", 0.02),
    ("proton.me", 0.02),
    ("live.co.uk", 0.02),
)
DISPOSABLE_EMAIL_DOMAINS = ("mailinator.com", "10minutemail.com", "guerrillamail.com")
ROLE_LOCAL_PARTS = ("info", "sales", "office", "contact", "admin", "hello", "team")

INDUSTRIES = (
    "software",
    "financial_services",
    "healthcare",
    "retail",
    "manufacturing",
    "education",
    "media",
    "hospitality",
    "logistics",
    "energy",
    "real_estate",
    "professional_services",
    "telecommunications",
    "government",
    "nonprofit",
)
# How three systems spell the same industry. The seed industry_taxonomy.csv maps them back.
INDUSTRY_VOCABULARIES: dict[str, dict[str, str]] = {
    "crm_industry": {
        "software": "Technology",
        "financial_services": "Finance",
        "healthcare": "Healthcare",
        "retail": "Retail",
        "manufacturing": "Manufacturing",
        "education": "Education",
        "media": "Media",
        "hospitality": "Hospitality",
        "logistics": "Transportation",
        "energy": "Energy",
        "real_estate": "Real Estate",
        "professional_services": "Consulting",
        "telecommunications": "Telecommunications",
        "government": "Government",
        "nonprofit": "Not For Profit",
    },
    "firmographics_sector": {
        "software": "Information Technology",
        "financial_services": "Financials",
        "healthcare": "Health Care",
        "retail": "Consumer Discretionary",
        "manufacturing": "Industrials",
        "education": "Education Services",
        "media": "Communication Services",
        "hospitality": "Hotels, Restaurants & Leisure",
        "logistics": "Transportation & Logistics",
        "energy": "Energy",
        "real_estate": "Real Estate",
        "professional_services": "Professional Services",
        "telecommunications": "Telecommunication Services",
        "government": "Public Sector",
        "nonprofit": "Non-Profit Organizations",
    },
    "support_company_type": {
        "software": "IT / software",
        "financial_services": "bank / insurance",
        "healthcare": "hospital / clinic",
        "retail": "shop / retail",
        "manufacturing": "factory / industry",
        "education": "school / university",
        "media": "media / publishing",
        "hospitality": "hotel / restaurant",
        "logistics": "logistics / transport",
        "energy": "utility / energy",
        "real_estate": "property",
        "professional_services": "agency / consulting",
        "telecommunications": "telecom",
        "government": "public administration",
        "nonprofit": "NGO / charity",
    },
}
BUYING_ROLES = ("Decision Maker", "Economic Buyer", "Influencer", "Champion", "End User")
SALES_REPS = ("Dana Whitfield", "Marco Bellini", "Priya Raman", "Tom Okafor", "Lena Vogt")

PRODUCT_CATEGORIES = (
    ("Apparel", ("T-Shirt", "Hoodie", "Rain Jacket", "Chinos", "Sweater", "Socks 3-Pack")),
    ("Footwear", ("Trail Runner", "Leather Boot", "Canvas Sneaker", "Sandal")),
    ("Home", ("Ceramic Mug", "Linen Throw", "Desk Lamp", "Cast Iron Pan", "Candle Set")),
    ("Outdoor", ("Daypack 20L", "Water Bottle", "Tent 2P", "Headlamp", "Camp Chair")),
    ("Electronics", ("Wireless Earbuds", "Power Bank", "Smart Speaker", "Fitness Band")),
)
COLORS = ("Black", "Navy", "Olive", "Sand", "Red", "Grey", "White", "Forest")

TEST_PEOPLE = (
    ("Test", "Test", "test@example.com"),
    ("Mickey", "Mouse", "mickey@disney.test"),
    ("Asdf", "Asdf", "asdf@asdf.com"),
    ("Test", "User", "testuser@test.com"),
    ("John", "Doe", "john.doe@example.com"),
    ("Donald", "Duck", "noreply@example.org"),
)

POST_TEMPLATES = {
    "praise": (
        "Just got my {p} from {b} and I love it!",
        "Shoutout to {b} support, fixed my order in minutes.",
        "Best {p} I've owned. Thanks {b}!",
    ),
    "complaint": (
        "{b} my order is two weeks late and nobody answers. Not happy.",
        "Really disappointed with the {p} from {b}, broke after a week.",
        "Third time calling {b} about a refund. Terrible service.",
    ),
    "purchase_intent": (
        "Thinking about buying the {p} from {b}, anyone tried it?",
        "Need a new {p}, is {b} worth it?",
        "{b} when is the {p} back in stock? Want to order.",
    ),
    "neutral": (
        "Saw the new {b} store downtown today.",
        "Anyone know if {b} ships to Canada?",
        "Reading about {b}'s new collection.",
    ),
}


def _weighted(names: object) -> tuple[tuple[str, ...], tuple[float, ...]]:
    if isinstance(names, dict):
        keys = tuple(names.keys())
        return keys, tuple(float(v) for v in names.values())
    seq = tuple(dict.fromkeys(names))  # tuples in Faker may repeat names to weight them
    return seq, tuple(1.0 for _ in seq)


@dataclass(frozen=True)
class NameVocabulary:
    female: tuple[tuple[str, ...], tuple[float, ...]]
    male: tuple[tuple[str, ...], tuple[float, ...]]
    last: tuple[tuple[str, ...], tuple[float, ...]]


@functools.cache
def name_vocabularies() -> dict[str, NameVocabulary]:
    """Given and family names per locale, with Faker's frequency weights where it has them."""
    providers = {"en_US": PersonUS, "de_DE": PersonDE, "fr_FR": PersonFR, "es_ES": PersonES}
    return {
        locale: NameVocabulary(
            female=_weighted(p.first_names_female),
            male=_weighted(p.first_names_male),
            last=_weighted(p.last_names),
        )
        for locale, p in providers.items()
    }


@functools.cache
def nickname_map() -> dict[str, tuple[str, ...]]:
    """Formal given name (lower case) -> its nicknames, from the `nicknames` data set."""
    path = importlib.resources.files("nicknames").joinpath("names.csv")
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["relationship"] == "has_nickname":
                out.setdefault(row["name1"], []).append(row["name2"])
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def job_titles() -> tuple[str, ...]:
    return tuple(sorted(set(JobProvider.jobs)))[:400]


def choose_weighted(rng: random.Random, vocab: tuple[tuple[str, ...], tuple[float, ...]]) -> str:
    names, weights = vocab
    return rng.choices(names, weights=weights, k=1)[0]
