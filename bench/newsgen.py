"""Synthetic English news articles for the benchmarks: deterministic for a seed, distinct from each other.

Each article has its own cast (people, places, organisations, all invented) and lexicon, and is
written from sentence templates in news style (quotes, "said", "according to", figures, dates);
``generate`` also plants a share of near-duplicate rewrites (another outlet's copy of an earlier
article, a day or two later, paragraphs moved and some words changed).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, timedelta

__all__ = ["OUTLETS", "generate"]

REWRITE_SHARE = 0.01

FIRST = """Aisha Alan Amara Ana Anders Ben Carla Chen Claire Daniel David Dmitri Elena Emma Fatima Felix Grace
Hana Hassan Ines Ivan James Jana Javier Julia Karim Kenji Laura Leila Lena Luis Maria Marco Maya Mei Michael
Mira Nadia Naomi Nikos Noor Olga Omar Oscar Pablo Paul Priya Rafael Rana Ravi Rosa Ruth Sam Sara Sean Sofia
Tariq Thomas Tomas Vera Victor Wei Yara Yusuf Zoe Adrian Beatriz Chloe Diego Erik Farah Gabriel Helen Igor
Joao Kofi Lucia Mateo Nina Peter Rahul Simon Tanya Ulla Walter Ximena Yuki Zainab""".split()
NOUNS = """budget bridge contract council court dam deficit election embargo factory ferry fleet forest harbour
highway hospital inquiry lawsuit levy licence loan market merger mine network pension pipeline plant policy port
project railway refinery reservoir road school settlement shipyard strike subsidy tariff terminal treaty tunnel
vaccine wage warehouse airport archive audit ballot border cable campaign canal clinic coalition crop curfew
drought dispute dividend emission festival flood fund grant grid harvest import levee loophole mandate mortgage
museum outbreak overhaul permit petition pilot protest quota rally ration recall refund regulation reserve ruling
runway salary sanction scheme shortage shutdown stadium stake stockpile storm surplus survey tender toll trial
turbine upgrade verdict warning wildfire agreement allowance ambulance appeal bakery bank barge battery blackout
bond bus cargo carrier charity charter chip commuter complaint consortium convoy corridor creditor database
deadline delegation depot deposit developer dock donor dossier drill estate exam fare farm fee fine gas generator
guideline helicopter hotel incentive inspection investor island jetty kiln laboratory landfill lease library
lighthouse lorry mill monument motorway orchard pantry parcel pavilion pharmacy pier plaza pollutant prison quarry
reactor reef rescue retailer satellite sewer shelter shipment smelter substation supplier tanker tax tenant
textbook tower tram transmitter tribunal truck vineyard voucher ward wetland wharf workshop zone aquifer
ferryboat hangar kiosk lottery ordinance paddock radar railcar signal silo spillway stipend tollgate tractor
viaduct weir barrier checkpoint clause cohort crane embankment estimate forecast freighter hearing incinerator
inventory judgment landslide manifesto memo mudslide nursery outpost payout premium probe prototype rebate
referendum sensor stall summit terrace ticket treasury underpass vessel watchdog windfarm""".split()
_NOUN_SET = frozenset(NOUNS)
VERBS = """approve reject review expand delay extend suspend restore launch halt finance inspect monitor defend
challenge investigate propose announce confirm dispute oppose support reform replace repair relocate evacuate
deploy negotiate sign publish release revise reduce increase raise lower request demand fund audit postpone block
protect rescue resume renew reopen remove recover question criticize praise welcome warn urge order outline unveil
introduce consider accept acknowledge adopt allocate assess boost brief calculate clear close complete contest
convert cover decline deliver deny describe design destroy detain discover dismiss divert document double ease
endorse ensure estimate examine export handle ignore import improve install limit manage mark measure merge
modernize notify observe offer operate organize overturn pledge predict prepare present prevent process promise
pursue recommend register reinforce restrict retain reveal schedule secure settle shift simplify stabilize
strengthen suggest summon target test track train transfer treat triple upgrade verify visit""".split()
ADJECTIVES = """ambitious annual broad costly critical controversial crucial delicate direct early emergency
extensive fragile gradual historic huge immediate independent informal initial interim landmark large lengthy
local major massive modest national narrow official ongoing partial permanent political popular preliminary
private public rapid rare regional regular remote risky rural serious severe sharp significant sudden temporary
tense tough unexpected unprecedented urban urgent vague vital volatile widespread bitter cautious decisive
disputed fierce hasty heated lasting lukewarm mixed muted overdue pivotal prolonged quiet radical renewed
sweeping symbolic tentative unpopular unusual""".split()
ROLES = """mayor,minister,spokesperson,director,chief executive,chair,governor,treasurer,commissioner,lawmaker,
senator,councillor,prosecutor,judge,chief economist,analyst,chief engineer,inspector,professor,researcher,
union leader,auditor,ombudsman,regulator,board member,deputy mayor,secretary general,press officer,
harbour master,site manager,head of operations,fire chief,police chief,health officer""".replace("\n", "").split(",")
ORG_KINDS = """Water Authority,Port Authority,Transport Ministry,Finance Ministry,Health Service,Energy Board,
Chamber of Commerce,Teachers' Union,Farmers' Association,Rail Company,Housing Trust,Planning Commission,
Audit Office,Statistics Bureau,Central Bank,Environment Agency,City Council,Regional Assembly,Fisheries Council,
Mining Corporation,Shipping Group,Construction Group,Insurance Group,Telecom,Airlines,University,Coast Guard,
Fire Service,Police,Electoral Commission,Competition Authority,Consumer Council,Tenants' Association,
Bar Association,Medical Association,Power Company,Bus Company,Development Bank,Labour Federation""".replace(
    "\n", "").split(",")
JOBS = "nurse farmer teacher driver fisherman shopkeeper engineer student retiree builder miner pharmacist".split()
SAID = ["said", "told reporters", "said in a statement", "told local radio", "wrote on social media",
        "said at a news conference", "told a parliamentary committee"]
FIGURES = ["figures", "data", "estimates", "statistics", "records"]
PERIODS = ["week", "month", "quarter", "year"]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
OUTLETS = [(name, name.lower().replace(" ", "") + tld) for name, tld in zip(
    """Harbour Gazette,Nordic Wire,Valley Courier,Coastal Herald,Metro Ledger,Prairie Post,Capital Dispatch,
Riverside Times,Highland Tribune,Delta Observer,Lakeside Chronicle,Summit Daily,Frontier Report,Civic Record,
Granite Journal,Bayfront News,Meridian Press,Eastern Sentinel,Western Clarion,Northern Star Online,
Southern Examiner,Island Monitor,Midland Mercury,Atlas Bulletin,Compass Review,Beacon Standard,Pioneer Voice,
Orbit Newsroom,Crossroads Daily,Lantern Weekly""".replace("\n", "").split(","),
    [".com", ".co.uk", ".net", ".org", ".com.au", ".ie"] * 5)]
ONSETS = "b br c ch d dr f g gr h k kr l m n p pr r s st t tr v w z".split()
VOWELS = "a e i o u ai ea ou".split()
CODAS = ["", "", "n", "r", "l", "s", "rn", "nd", "lt", "st", "k"]
PLACE_ENDS = "ton ford ville burg stad wick dale mouth field more by holm haven port".split()
NAME_ENDS = "son man er ley ski ez ova ini sen ard ell ic".split()
_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")
_A_VOWEL = re.compile(r"\b([Aa]) ([aeiou])")

# Sentence templates: {slot} draws a value from the article's Story, [a|b|c] picks one wording.
TEMPLATES = """{P} {said} that {O} would {V} the {N} in {L} [before|by the end of|no later than] {M}.
[According to|Citing] {O}, {n} {Ns} were {Vd} in {L} [last {per}|over the {per}|this {per}].
"{Q}," {P} {said}.
The {A} {N} [follows|comes after|caps] {k} {per}s of {A} {Ns} [across|in|throughout] {G}, according to {F} \
[released|published|issued] by {O} on {d}.
{S}, who has [served as|been] {R} since {y}, told [reporters|journalists] the {N} was "{A} but {A}".
[Officials|Authorities|Engineers] in {L} put the [cost|price tag|bill] of the {N} at {m}, [up|down] {pc} percent \
[from a year earlier|on last year|since {y}].
[Critics|Opponents|Campaigners], among them {P}, [argue|say|insist] that the {N} will {V} {A} {Ns} [rather than|\
instead of] {V} them.
In a [statement|written reply|filing], {O} said it had {Vd} {n} {Ns} and [expected|hoped|planned] to {V} more by {M}.
The {N} has [drawn|prompted|provoked] {A} [reactions|responses] in {L}, where {n} [residents|people|workers] {Vd} \
the {N} on {d}.
{S} [declined|refused] to say whether {O} would {V} the {N}, but said [talks|contacts|negotiations] with {O} were \
[continuing|under way].
A [spokesperson|spokesman|spokeswoman] for {O} did not [respond to|return] a request for comment on {d}.
{F} from {O} show that {pc} percent of {Ns} in {G} were {A} in {y}, [compared with|against|up from] {pc} percent \
[a decade earlier|in {y}].
"{Q}," {S} [added|said|went on].
The {R} is [expected|due|scheduled] to {V} the {N} at a [meeting|hearing|session] in {L} on {d}.
By {t} on {d}, {n} {Ns} had been {Vd}, {O} said in [an update|a briefing|a post online].
{P}, a {job} from {L}, said [she|he] had {Vd} the {N} for {k} years.
The {N} was first {Vd} in {M} {y}, when {O} {Vd} a {A} {N} [near|outside|north of|south of] {L}.
[Analysts|Economists|Forecasters] at {O} said the {N} could [cost|take] as much as {m} [from|out of] the \
[economy|budget] of {G}.
Under the [plan|proposal|deal], {O} would {V} {n} {Ns} and {V} the {N} within {k} {per}s.
Asked about the {N}, {S} said: "{Q}."
The {A} {N} in {L} is the {ord} since {y}, according to [records|an archive|a register] kept by {O}.
[Residents|Traders|Parents|Farmers] in {L} have {Vd} the {N} for [months|weeks|years], saying it would {V} \
{A} {Ns}.
{O} has [set aside|earmarked|requested] {m} for the {N}, a [figure|sum] {P} [described as|called] "{A}".
[Opposition|Local|Several] [lawmakers|councillors|politicians] in {G} {Vd} the [decision|move|vote] on {d}, \
[calling|describing] it {A} and {A}.
The {N} is part of a {A} [effort|push|drive] to {V} {Ns} in {G} by {y2}.
Neither {O} nor {O} would {V} the {F}, which were first [reported|published] by [local media|{outlet}] in {L}.
{P} {said} the {N} had already {Vd} {n} {Ns} and [warned|cautioned] that {A} {Ns} could [follow|be next].
Shares in {O} [fell|rose|slid|jumped] {pc} percent on {d} after the {N} was {Vd}.
It was not [immediately|yet] clear how many {Ns} would be {Vd} by the {N}.
At least {n} {Ns} in {L} and {L} have been {Vd} since {M}, according to {O}.
[Speaking|Writing] [in|from] {L}, {P} said: "{Q}."
Talks between {O} and {O} on the {N} [broke down|stalled|resumed] on {d}, {P} {said}.
The {N} [drew|attracted] {n} [objections|submissions|signatures] before the deadline in {M}, {O} said.
[Meanwhile|Separately|Elsewhere], {O} {Vd} a {A} {N} in {L}, affecting {n} {Ns}.
{S} [rejected|dismissed] [the criticism|those claims|the report] and said the {N} would {V} {Ns} in {G}.
A {A} [report|review|study] by {O} found that {pc} percent of {Ns} had been {Vd} [since|in] {y}.
{O} [estimates|expects|projects] that the {N} will [create|support|cost] {n} jobs in {G} over the next {k} years.
The [row|dispute|controversy] over the {N} [deepened|escalated|eased] on {d} when {P} {Vd} the {N}.
[Images|Footage|Photographs] shared online showed {Ns} {Vd} [along|beside|outside] the {N} in {L}.
{O} [insisted|maintained|stressed] that the {N} [met|exceeded|complied with] every [standard|rule|requirement].
The last {N} of this [size|scale|kind] in {G}, in {y}, took {k} {per}s to {V}.
[Turnout|Attendance|Demand] was {A}, with {n} {Ns} [registered|recorded|counted] by {t} on {d}.
{P} [urged|called on|asked] {O} to {V} the {N} before [winter|the summer|the elections|the holidays].
[Insurers|Lenders|Investors] have [grown|become] {A} about the {N}, {P} {said}.
The {N}, which [opened|began|started] in {y}, [employs|serves|houses] about {n} people.
[Environmental|Community|Consumer] groups [plan|intend|have promised] to {V} the {N} in court.
[A court in|Judges in|A tribunal in] {L} [ruled|found|decided] on {d} that the {N} was [lawful|unlawful|valid].
{O} [blamed|faulted] the {A} {N} on {Ns} [imported|bought|ordered] from {G}.
[Ferry services|Train services|Flights] [to|from] {L} [were|remained] [disrupted|suspended|limited] for \
[a second day|several hours|much of {d}].
[Volunteers|Firefighters|Soldiers|Engineers] [worked|spent] [through the night|the weekend|{k} days] to {V} the {N}.
{S} said the {N} would be {Vd} [once|after|as soon as] the {N} was {Vd}.
Of the {n} {Ns} {Vd} [so far|this year|since {M}], {n} were in {L}, {O} said.""".splitlines()
QUOTES = ["We will {V} the {N} and we will not {V} our {Ns}", "This {N} is {A}, and people in {L} know it",
          "Nobody asked us before they {Vd} the {N}", "The {Ns} are {A} and the {N} is {A}",
          "We [expect|hope|intend] to {V} the {N} by {M}, not before", "If they {V} the {N}, {n} {Ns} go with it",
          "Our job is to {V} {Ns}, not to {V} them", "I have never seen a {N} this {A}",
          "[Frankly|Honestly], the {N} was {Vd} [too early|too late|without a plan]",
          "[Families|Businesses|Workers] in {L} [deserve|need] a {A} {N}"]
TITLES = ["{O} to {V} {N} in {L}", "{L} {N} {Vd} as {Ns} {Vd}", "{S} vows to {V} {A} {N}",
          "{A} {N} in {L} {Vd} after {k} {per}s", "{G}: {O} {Vd} {N} amid {A} {Ns}",
          "{n} {Ns} {Vd} in {L}", "[Row|Dispute|Anger] over {A} {N} in {G}"]


def _pseudo(rng: random.Random, ends: list[str]) -> str:
    stem = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.randint(1, 2)))
    return (stem + rng.choice(ends)).capitalize()


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    return verb[:-1] + "ied" if verb.endswith("y") and verb[-2] not in "aeiou" else verb + "ed"


class Story(dict):
    """One article's cast and lexicon; each {slot} looked up draws a fresh value from them."""

    def __init__(self, rng: random.Random, outlet: str) -> None:
        super().__init__(outlet=outlet)
        self.rng = rng
        self.people = [(rng.choice(FIRST), _pseudo(rng, NAME_ENDS), rng.choice(ROLES)) for _ in range(6)]
        self.places = [_pseudo(rng, PLACE_ENDS) for _ in range(4)]
        self.region = _pseudo(rng, ["ia", "land", "shire", "a", " Province", " Valley"])
        self.orgs = [f"{rng.choice(self.places + [self.region])} {k}" for k in rng.sample(ORG_KINDS, 3)]
        self.nouns, self.verbs, self.adjs = rng.sample(NOUNS, 24), rng.sample(VERBS, 16), rng.sample(ADJECTIVES, 10)
        self.templates = rng.sample(TEMPLATES, 14)  # the article's own phrasing, used in turn
        self.mentioned: set[int] = set()

    def fill(self, template: str) -> str:
        text = _ALTERNATIVES.sub(lambda m: self.rng.choice(m[1].split("|")), template).format_map(self)
        text = _A_VOWEL.sub(r"\1n \2", text[0].upper() + text[1:])
        return text.replace(",,", ",").replace(",.", ".")

    def sentences(self) -> Iterator[str]:
        while True:
            yield from (self.fill(t) for t in self.rng.sample(self.templates, len(self.templates)))

    def __missing__(self, key: str) -> str:
        r = self.rng
        if key in ("P", "S"):  # a person: named in full (with role) the first time, by surname after
            i = r.randrange(len(self.people)) if key == "P" or not self.mentioned else r.choice(sorted(self.mentioned))
            first, last, role = self.people[i]
            if i in self.mentioned:
                return last
            self.mentioned.add(i)
            return f"{first} {last}, {role} at {self.orgs[i % 3]}," if key == "P" else f"{first} {last}"
        # Words come from the story's own lexicon, now and then from the whole vocabulary.
        own = r.random() < 0.6
        nouns, verbs, adjs = (self.nouns, self.verbs, self.adjs) if own else (NOUNS, VERBS, ADJECTIVES)
        simple = {"O": self.orgs, "L": self.places, "N": nouns, "V": verbs, "A": adjs,
                  "R": ROLES, "said": SAID, "F": FIGURES, "per": PERIODS, "d": DAYS, "M": MONTHS, "job": JOBS,
                  "ord": ["first", "second", "third", "largest", "costliest"]}
        if key in simple:
            return r.choice(simple[key])
        return {"G": lambda: self.region, "Ns": lambda: _plural(r.choice(nouns)),
                "Vd": lambda: _past(r.choice(verbs)), "n": lambda: f"{int(r.lognormvariate(5, 1.8)) + 2:,}",
                "k": lambda: str(r.randint(2, 12)), "pc": lambda: f"{r.uniform(1, 60):.{r.choice([0, 0, 0, 1])}f}",
                "m": lambda: f"{r.choice('$€£')}{r.uniform(1, 900):.1f} {r.choice(['million', 'billion'])}",
                "y": lambda: str(r.randint(2009, 2023)), "y2": lambda: str(r.randint(2026, 2040)),
                "t": lambda: f"{r.randint(1, 11)} {r.choice(['a.m.', 'p.m.'])}",
                "Q": lambda: self.fill(r.choice(QUOTES))}[key]()


def make_article(i: int, rng: random.Random) -> dict:
    """A fresh article in the corpus format, plus _author and _site for its HTML page."""
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(366))
    outlet_name, outlet = rng.choice(OUTLETS)
    story = Story(rng, outlet_name)
    title, sentences = story.fill(rng.choice(TITLES)), story.sentences()
    paragraphs = [f"{story.places[0].upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet_name}) - {next(sentences)}"]
    while sum(len(p.split()) for p in paragraphs) < 600:
        paragraphs.append(" ".join(next(sentences) for _ in range(rng.randint(1, 3))))
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8])
    return {"id": f"bench-{i:05d}", "url": f"https://www.{outlet}/{day:%Y/%m/%d}/{slug}", "outlet": outlet,
            "published": day.isoformat(), "title": title, "text": "\n\n".join(paragraphs),
            "_author": f"{story.people[0][0]} {story.people[0][1]}", "_site": outlet_name}


def rewrite(i: int, original: dict, rng: random.Random) -> dict:
    """A near-duplicate: another outlet's rewrite a day or two later, paragraphs moved, words changed."""
    paras = original["text"].split("\n\n")[:-1]
    j = rng.randrange(1, len(paras) - 1)
    paras[j], paras[j + 1] = paras[j + 1], paras[j]
    text = " ".join(rng.choice(NOUNS) if w in _NOUN_SET and rng.random() < 0.1 else w
                    for w in "\n\n".join(paras).split(" "))
    outlet_name, outlet = rng.choice([o for o in OUTLETS if o[1] != original["outlet"]])
    day = date.fromisoformat(original["published"]) + timedelta(days=rng.randint(0, 2))
    return {**original, "id": f"bench-{i:05d}", "outlet": outlet, "published": day.isoformat(), "text": text,
            "url": f"https://www.{outlet}/{day:%Y/%m/%d}/{original['url'].rsplit('/', 1)[1]}-{i}",
            "title": "UPDATE: " + original["title"].removeprefix("UPDATE: "), "_site": outlet_name}


def generate(n: int, seed: int) -> tuple[list[dict], int]:
    """n articles in id order (each rewrite after its original) and how many are rewrites."""
    rng = random.Random(seed)
    rewrites = set(rng.sample(range(n // 2, n), int(n * REWRITE_SHARE)))
    articles: list[dict] = []
    for i in range(n):
        articles.append(rewrite(i, articles[rng.randrange(i)], rng) if i in rewrites else make_article(i, rng))
    return articles, len(rewrites)


