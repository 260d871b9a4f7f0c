"""Where a county council's papers compare places: the districts of England's two-tier
counties, and the questions that ask which part of a county something happens in.

"Which part of Warwickshire has the most school leavers not in work?" is answered by a
passage that names several districts side by side ("Stratford-on-Avon has the lowest
proportion ... and Nuneaton and Bedworth the highest"), whatever words it uses for the
topic. The query's own words rarely say so: "part", "area" and "north" are not in that
passage. So a question of this kind gets a hint (search/hits.py) for candidates that
name two or more of the districts of the councils the index holds.

The districts are those of the county councils that shared their area with district
councils between 2012 and 2023, the years of the papers this project was built on,
including counties that have since become unitary. A council the table does not name
gets no hint; add its county here.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

_DISTRICTS = """
Buckinghamshire: Aylesbury Vale; Chiltern; South Bucks; Wycombe
Cambridgeshire: Cambridge; East Cambridgeshire; Fenland; Huntingdonshire; South Cambridgeshire
Cumbria: Allerdale; Barrow-in-Furness; Carlisle; Copeland; Eden; South Lakeland
Derbyshire: Amber Valley; Bolsover; Chesterfield; Derbyshire Dales; Erewash; High Peak; North East Derbyshire; South Derbyshire
Devon: East Devon; Exeter; Mid Devon; North Devon; South Hams; Teignbridge; Torridge; West Devon
Dorset: Christchurch; East Dorset; North Dorset; Purbeck; West Dorset; Weymouth and Portland
East Sussex: Eastbourne; Hastings; Lewes; Rother; Wealden
Essex: Basildon; Braintree; Brentwood; Castle Point; Chelmsford; Colchester; Epping Forest; Harlow; Maldon; Rochford; Tendring; Uttlesford
Gloucestershire: Cheltenham; Cotswold; Forest of Dean; Gloucester; Stroud; Tewkesbury
Hampshire: Basingstoke and Deane; East Hampshire; Eastleigh; Fareham; Gosport; Hart; Havant; New Forest; Rushmoor; Test Valley; Winchester
Hertfordshire: Broxbourne; Dacorum; East Hertfordshire; Hertsmere; North Hertfordshire; St Albans; Stevenage; Three Rivers; Watford; Welwyn Hatfield
Kent: Ashford; Canterbury; Dartford; Dover; Folkestone and Hythe; Shepway; Gravesham; Maidstone; Sevenoaks; Swale; Thanet; Tonbridge and Malling; Tunbridge Wells
Lancashire: Burnley; Chorley; Fylde; Hyndburn; Lancaster; Pendle; Preston; Ribble Valley; Rossendale; South Ribble; West Lancashire; Wyre
Leicestershire: Blaby; Charnwood; Harborough; Hinckley and Bosworth; Melton; North West Leicestershire; Oadby and Wigston
Lincolnshire: Boston; East Lindsey; Lincoln; North Kesteven; South Holland; South Kesteven; West Lindsey
Norfolk: Breckland; Broadland; Great Yarmouth; King's Lynn and West Norfolk; North Norfolk; Norwich; South Norfolk
North Yorkshire: Craven; Hambleton; Harrogate; Richmondshire; Ryedale; Scarborough; Selby
Northamptonshire: Corby; Daventry; East Northamptonshire; Kettering; Northampton; South Northamptonshire; Wellingborough
Nottinghamshire: Ashfield; Bassetlaw; Broxtowe; Gedling; Mansfield; Newark and Sherwood; Rushcliffe
Oxfordshire: Cherwell; Oxford; South Oxfordshire; Vale of White Horse; West Oxfordshire
Somerset: Mendip; Sedgemoor; Somerset West and Taunton; Taunton Deane; West Somerset; South Somerset
Staffordshire: Cannock Chase; East Staffordshire; Lichfield; Newcastle-under-Lyme; South Staffordshire; Stafford; Staffordshire Moorlands; Tamworth
Suffolk: Babergh; East Suffolk; Suffolk Coastal; Waveney; Ipswich; Mid Suffolk; West Suffolk; Forest Heath; St Edmundsbury
Surrey: Elmbridge; Epsom and Ewell; Guildford; Mole Valley; Reigate and Banstead; Runnymede; Spelthorne; Surrey Heath; Tandridge; Waverley; Woking
Warwickshire: North Warwickshire; Nuneaton and Bedworth; Rugby; Stratford-on-Avon; Warwick
West Sussex: Adur; Arun; Chichester; Crawley; Horsham; Mid Sussex; Worthing
Worcestershire: Bromsgrove; Malvern Hills; Redditch; Worcester; Wychavon; Wyre Forest
"""


def _table() -> dict[str, tuple[str, ...]]:
    table = {}
    for line in _DISTRICTS.strip().splitlines():
        county, names = line.split(":", 1)
        table[county.strip()] = tuple(name.strip() for name in names.split(";"))
    return table


DISTRICTS = _table()

# A question about which part of the county: "which part of Warwickshire", "what areas",
# "where in the county", "the north of the county", "up north", "other towns",
# "by district", "across the county".
AREA_QUESTION = re.compile(
    r"\b(?:which|what)\s+(?:part|parts|area|areas|district|districts|town|towns|borough|"
    r"boroughs|locality|localities|place|places)\b"
    r"|\bwhere\s+in\s+(?:the\s+(?:county|area|country)|\w+shire)\b"
    r"|\b(?:north|south|east|west)(?:ern)?\s+(?:of\s+the\s+county|part|parts)\b"
    r"|\bthe\s+(?:north|south|east|west)\s+of\b"
    r"|\b(?:up|down)\s+(?:north|south)\b"
    r"|\bother\s+(?:towns|areas|districts|boroughs|parts)\b"
    r"|\b(?:by|each|every|per)\s+(?:district|area|borough|locality|town)\b"
    r"|\bacross\s+(?:the\s+county|districts|areas|boroughs)\b",
    re.IGNORECASE,
)


# "Which areas of SEND provision", "what part of the budget": "of" and something that is
# not a place make the phrase about a topic, not a map.
_OF_A_TOPIC = re.compile(
    r"\s+of\s+(?!the\s+(?:county|area|country)\b|\w+shire\b|England\b)", re.IGNORECASE
)


def asks_by_area(query: str) -> bool:
    """True when the query asks which part of a county something happens in, or how
    parts of it compare."""
    return any(not _OF_A_TOPIC.match(query, found.end()) for found in AREA_QUESTION.finditer(query))


def _forms(district: str) -> list[str]:
    """The ways a passage names a district: whole, each town of a joint name ("Nuneaton
    and Bedworth"), and the town before a river or region ("Stratford" of
    "Stratford-on-Avon")."""
    forms = [district]
    for part in district.split(" and "):
        town = re.split(r"-(?:on|upon|under|in)-", part)[0]
        forms += [name for name in (part, town) if name != district]
    return list(dict.fromkeys(forms))


def district_names(councils: Iterable[str]) -> tuple[str, ...]:
    """The names of the districts of every council in `councils` that the table knows,
    longest first so "North Warwickshire" is read before "Warwick"."""
    names: set[str] = set()
    for council in councils:
        for county, districts in DISTRICTS.items():
            if re.search(rf"\b{re.escape(county)}\b", council, re.IGNORECASE):
                names.update(form for d in districts for form in _forms(d))
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


@lru_cache(maxsize=8)
def places_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-sensitive pattern for `names` as whole words; None when there are none."""
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def places_named(text: str, pattern: re.Pattern[str] | None) -> int:
    """How many different places `text` names."""
    return len(set(pattern.findall(text))) if pattern is not None else 0
