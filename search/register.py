"""Everyday words and the words council officers write for the same things.

A resident asks about "kids", "mums", "doctors" and people who "moan"; the papers say
"children", "mothers", "GPs" and "complaints". Such a word is missing from the papers
because of its register, not because the papers never speak of the thing, so `ask` must
not take it as a sign that they do not answer the question (search/answer.py). A topic
the papers never cover ("vaping", "school uniform") has no entry here: its absence is
the evidence that nothing answers it.

Entries are general English, written for the services councils publish papers on. Some
were prompted by questions `ask` refused in the query sets already read (eval/README.md),
but each is an ordinary synonym, never a phrase from a query. A word with several senses
("bully" shares its stem with "bullying", a topic of its own) is left out rather than
guessed.

Format: one entry a line, `everyday word, word, ... | officers' word, word, ...`. Words
are matched by their BM25 stem, so "kid", "kids" and "kids'" are one entry. An everyday
word is one word: a question is read word by word, so "check-up" is "check" and "up".
"""

import re
from functools import lru_cache

from index import Generation, count_term_documents, index_terms

# A word of a question as `ask` and this table read it: letters and apostrophes, so a
# hyphenated word is read part by part.
WORD = re.compile(r"[A-Za-z][A-Za-z']+")

_TABLE = """
kid, kiddie, youngster, tot, nipper | children, young people
teen, teenager, adolescent | young people, adolescents
mum, mom, mummy, mam | mothers, parents
dad, daddy | fathers, parents
grandparent, gran, granny, grandma, grandad, grandpa, nan | kinship carers, family members
men, blokes, lads, fella | males, fathers
women, ladies, girls | females, mothers
toddler, preschooler | early years, under fives
newborn | babies, infants, new birth
doctor, gp | GPs, general practitioners, health
midwife, midwives | maternity, health visitors
jab, jabs, vaccine | immunisations, vaccinations
checkup | review, health check, assessment
overweight, fat, chubby | obesity, excess weight, healthy weight
skinny, underweight | underweight, nutrition
drugs, booze, drinking, drunk | substance misuse, alcohol
depressed, depression, anxious, stressed, breakdown | mental health, emotional wellbeing
suicidal | self-harm, mental health
shrink, therapist, counsellor | counselling, therapy, psychology
pregnant | pregnancy, maternity, conception
moan, grumble, gripe, whinge, whine, grievance, complain | complaints
unhappy, dissatisfied, displeased, annoyed, angry, upset, furious | complaints, dissatisfaction
happy, pleased, satisfied, content | satisfaction, feedback
worried, worry, fear, fears | concerns, risks
praise, thanks, compliment | compliments, feedback
pricey, expensive, dear, costly, overpriced | costs, high cost
cheap, cheaper, cheapest | costs, value for money
cash, dosh, funds | funding, money, budget
bill, bills | costs, expenditure
broke, skint, shortfall | deficit, overspend, pressures
cuts, cutting, slashed | savings, reductions
wages, paycheque, payslip | pay, salaries
jobless, unemployed, workless | not in employment, NEET
expelled, expel, kicked | permanent exclusions, excluded
truant, truancy, skipping, bunking, wagging | absence, persistent absence
homeschool, homeschooling, homeschooled | elective home education
exams, grades, marks | attainment, results, outcomes
uni, degree | higher education, university
lessons | education, teaching
bus, buses, taxi, taxis, lift, lifts | transport, travel
nursery, playgroup, creche | early years, childcare
snatched, abducted, kidnapped | exploitation, missing
gang, gangs | criminal exploitation, county lines
groomed, grooming | exploitation, sexual exploitation
runaway, runaways, absconded | missing, missing episodes
mistreat, mistreated, mistreatment, beaten, battered | abuse, neglect
cop, cops, coppers, bobbies | police
nick, prison, jail, locked | custody, secure, youth justice
crooks, criminals, lawbreakers | offenders, offending
foster, fostering | foster carers, fostering
orphan, orphans, orphanage | children in care, children's homes
newbies, rookies, graduates, trainees | newly qualified, early career
bosses, boss, chiefs, bigwigs | senior managers, directors, leadership
temps, temp, freelancers | agency staff, locum
workload, overloaded, swamped, stretched | caseloads, capacity, demand
understaffed | vacancies, recruitment, workforce
quit, quitting, leaving | turnover, retention
hired, hiring | recruitment, recruited
sacked, redundant, axed | redundancies, posts deleted
phone, phoning, rang, ring, call, calls | telephone, contact
bit, bits | part, area, parts
town, towns, village, villages, patch | area, locality, district
poor, poorer, poorest | disadvantaged, deprivation, low income
posh, wealthy, richer, rich | affluent, least deprived
estate, estates | neighbourhood, area
homeless, homelessness | homelessness, housing
potholes, pothole | highways, road maintenance
bins, rubbish, litter | waste, recycling
playground, playgrounds, park, parks | play areas, open space
fixed, sorted | resolved, addressed
late, overdue, slow, slowly | timeliness, delays, within timescales
quickly, quick, fast | timeliness, timescales
"""


def _entries(table: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for line in table.strip().splitlines():
        plain, officer = (part.strip() for part in line.split("|"))
        words = tuple(word.strip() for word in officer.split(","))
        for item in plain.split(","):
            found.setdefault(index_terms(item.strip())[0], words)
    return found


@lru_cache(maxsize=1)
def register_table() -> dict[str, tuple[str, ...]]:
    """Everyday word's stem -> the officers' words for it."""
    return _entries(_TABLE)


def officer_words(word: str) -> tuple[str, ...]:
    """The words the papers would use for an everyday `word`; () when it has no entry."""
    terms = index_terms(word)
    if len(terms) != 1:
        return ()
    return register_table().get(terms[0], ())


def papers_use(generation: Generation, text: str) -> bool:
    """True when some chunk of the generation holds each of `text`'s index terms."""
    terms = index_terms(text)
    return bool(terms) and all(count_term_documents(generation, t) > 0 for t in terms)


def officer_words_used(generation: Generation, word: str) -> list[str]:
    """The officers' words for an everyday `word` that some chunk of the generation uses."""
    return [said for said in officer_words(word) if papers_use(generation, said)]


def said_instead(generation: Generation, query: str) -> list[str]:
    """The officers' words, as the papers use them, for each word of `query` that no
    paper uses: "kids" -> "children", "young people"."""
    found: dict[str, None] = {}
    for word in dict.fromkeys(WORD.findall(query)):
        if officer_words(word) and not papers_use(generation, word):
            found.update(dict.fromkeys(officer_words_used(generation, word)))
    return list(found)
