"""A synthetic news stream for the tracking benchmark: articles with the analysis `analyze` would give them.

No NLP is run. Stories are planned first, then written article by article in publication order:

* a story starts on some day, runs 2 to 6 weeks and has 5 to 60 articles (most have few, front-loaded);
  stories start at a steady rate over a multi-year range, so at any date only a bounded number are
  active (the stream starts in steady state: stories begun before its first day are already running);
* each story is about a few countries (60 ISO3 codes, the usual suspects drawn most) and 1 to 4
  claims such as (IRN, supply, RUS), stated with different verbs (send, provide, supply, deploy;
  attack, train, sanction, meet, accuse); claims recur across stories, so one proposition gathers
  statements from many stories over the years, as "Russia attacks Ukraine" would;
* each story has its own cast (people, places), its own rare words and its own share of the common
  vocabulary, so that its articles' keywords are story-specific;
* an article has a title and about 430 words (280 to 650 for nine in ten); its analysis dict has
  the shape `claimwatch analyze --format jsonl` prints: countries, actors (countries, bodies,
  forces, agencies, international bodies, outlets, people, places, with offsets into the text;
  about 35 mentions), figures (about 1), statements (about 9: varied source kinds, stances, cues,
  citations; full claims, bare "Tehran denied it" ones, speech-only ones and a long tail of other
  verbs) and CAMEO-style events (about 7);
* about 15% of articles are one-off news (a story of one article) and about 3% are another outlet's
  near-copy of an earlier article of the same story (duplicate_of set, as ingest would).

``stream(seed)`` is deterministic for a seed and endless; take as many articles as needed.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsgen import ADJECTIVES, FIRST, NOUNS, OUTLETS, VERBS  # bench/newsgen.py, beside this script

__all__ = ["stream", "COUNTRIES", "CLAIM_VERBS"]

START = date(2019, 1, 1)
SINGLETON_SHARE = 0.15
COPY_SHARE = 0.03
WARMUP_DAYS = 60  # stories begun this long before the first day are already running

# ISO3 code, name, capital, weight (how often news is about it).
COUNTRIES = [(c, n, cap, int(w)) for c, n, cap, w in (line.split(",") for line in """\
USA,United States,Washington,40
RUS,Russia,Moscow,34
UKR,Ukraine,Kyiv,30
CHN,China,Beijing,24
IRN,Iran,Tehran,18
ISR,Israel,Jerusalem,18
PSE,Palestine,Ramallah,8
GBR,Britain,London,10
FRA,France,Paris,9
DEU,Germany,Berlin,9
TUR,Turkey,Ankara,8
SAU,Saudi Arabia,Riyadh,7
PRK,North Korea,Pyongyang,8
KOR,South Korea,Seoul,6
JPN,Japan,Tokyo,5
IND,India,New Delhi,6
PAK,Pakistan,Islamabad,5
AFG,Afghanistan,Kabul,4
SYR,Syria,Damascus,6
IRQ,Iraq,Baghdad,5
LBN,Lebanon,Beirut,5
YEM,Yemen,Sanaa,5
EGY,Egypt,Cairo,4
QAT,Qatar,Doha,4
ARE,United Arab Emirates,Abu Dhabi,3
JOR,Jordan,Amman,3
BLR,Belarus,Minsk,4
POL,Poland,Warsaw,4
TWN,Taiwan,Taipei,5
VEN,Venezuela,Caracas,3
CUB,Cuba,Havana,2
MEX,Mexico,Mexico City,3
BRA,Brazil,Brasilia,3
ARG,Argentina,Buenos Aires,2
COL,Colombia,Bogota,2
NGA,Nigeria,Abuja,2
ETH,Ethiopia,Addis Ababa,2
SDN,Sudan,Khartoum,3
SOM,Somalia,Mogadishu,2
KEN,Kenya,Nairobi,2
ZAF,South Africa,Pretoria,2
LBY,Libya,Tripoli,2
MLI,Mali,Bamako,2
NER,Niger,Niamey,2
AZE,Azerbaijan,Baku,2
ARM,Armenia,Yerevan,2
GEO,Georgia,Tbilisi,2
KAZ,Kazakhstan,Astana,1
SRB,Serbia,Belgrade,2
XKX,Kosovo,Pristina,1
HUN,Hungary,Budapest,2
ITA,Italy,Rome,3
ESP,Spain,Madrid,2
NLD,Netherlands,The Hague,2
SWE,Sweden,Stockholm,2
FIN,Finland,Helsinki,2
AUS,Australia,Canberra,2
PHL,Philippines,Manila,2
VNM,Vietnam,Hanoi,2
MMR,Myanmar,Naypyidaw,2""".splitlines())]
_CODES = [c[0] for c in COUNTRIES]
_WEIGHTS = [c[3] for c in COUNTRIES]
_NAME = {c[0]: c[1] for c in COUNTRIES}
_CAPITAL = {c[0]: c[2] for c in COUNTRIES}

# The claim verbs, by the class the tracker files them under (lexicon/data/predicates.tsv).
CLAIM_VERBS = {"supply": ["send", "provide", "supply", "deploy"], "attack": ["attack"], "train": ["train"],
               "sanction": ["sanction"], "meet": ["meet"], "accuse": ["accuse"]}
_CLASS_WEIGHTS = {"supply": 5, "attack": 4, "train": 1, "sanction": 2, "meet": 2, "accuse": 2}
_PAST = {"send": "sent", "provide": "provided", "supply": "supplied", "deploy": "deployed", "attack": "attacked",
         "train": "trained", "sanction": "sanctioned", "meet": "met", "accuse": "accused", "damage": "damaged",
         "request": "requested", "capture": "captured", "protect": "protected", "support": "supported",
         "violate": "violated", "reject": "rejected", "kill": "killed", "warn": "warned", "threaten": "threatened"}
# Verbs outside the claim classes: each becomes a class of its own in the tracker (a long tail).
_OTHER_VERBS = ["damage", "request", "capture", "protect", "support", "violate", "reject", "kill", "warn",
                "threaten"]
_SPEECH = ["say", "say", "say", "announce", "comment"]
_UNITS = {"supply": ["troops", "drones", "missiles", "shells", "tanks", "vehicles"],
          "attack": ["killed", "wounded", "casualties", "missiles", "drones", "rockets"],
          "train": ["troops"], "sanction": ["ships", "containers"], "meet": ["refugees", "prisoners"],
          "accuse": ["prisoners", "civilians"]}
_EVENTS = [("042", "MAKE A VISIT", 1.9), ("036", "EXPRESS INTENT TO MEET OR NEGOTIATE", 4.0),
           ("112", "ACCUSE", -2.0), ("163", "IMPOSE EMBARGO, BOYCOTT, OR SANCTIONS", -8.0),
           ("190", "USE CONVENTIONAL MILITARY FORCE", -10.0), ("193", "FIGHT WITH SMALL ARMS AND LIGHT WEAPONS", -10.0),
           ("154", "MOBILIZE OR INCREASE ARMED FORCES", -7.2), ("070", "PROVIDE AID", 7.0),
           ("071", "PROVIDE ECONOMIC AID", 7.4), ("010", "MAKE STATEMENT", 0.0), ("051", "PRAISE OR ENDORSE", 3.4),
           ("111", "CRITICIZE OR DENOUNCE", -2.0), ("130", "THREATEN", -4.4), ("173", "ARREST, DETAIN", -5.0),
           ("046", "ENGAGE IN NEGOTIATION", 7.0), ("057", "SIGN FORMAL AGREEMENT", 8.0)]
_SOURCE_KINDS = (["government_body"] * 30 + ["named_official"] * 27 + ["anonymous_official"] * 18
                 + ["intelligence_agency"] * 8 + ["unattributed"] * 7 + ["media_outlet"] * 5 + ["expert"] * 5)
_STANCES = ["asserts"] * 50 + ["denies"] * 16 + ["unverified"] * 12 + ["speculates"] * 14 + ["confirms"] * 8
_CUES = {"asserts": ["said", "told reporters", "said in a statement", "according to", "wrote"],
         "denies": ["denied", "rejected", "dismissed"], "unverified": ["claimed", "alleged", "reportedly"],
         "speculates": ["could", "may have", "is believed to"], "confirms": ["confirmed", "acknowledged"]}
_ANONYMOUS = ["a senior official", "officials", "two diplomats", "a Western official",
              "people familiar with the matter", "a security source"]
_BODIES = [("GOV", "government_body", "{}'s foreign ministry"), ("GOV", "government_body", "the {} government"),
           ("MIL", "armed_force", "{}'s defence ministry"), ("MIL", "armed_force", "{}'s army"),
           ("SPY", "intelligence_agency", "{}'s intelligence service")]
_INTERNATIONAL = [("UNO", "United Nations"), ("NATO", "NATO"), ("EUR", "European Union"), ("AFU", "African Union")]
_MEDIA = [name for name, _ in OUTLETS]
_APPROX = [None, None, None, "about", "more than", "up to", "at least"]
_FUNCTION = ("the the the the of of of and and to to in in a a that for on with as was by at from it be has had "
             "were is are but not this which their after over about into more than also its have been who would "
             "while when other some there could").split()
_COMMON = sorted(set(NOUNS + VERBS + ADJECTIVES))
_ONSETS = "b br c ch d dr f g gr h k kh kr l m n p pr r s sh st t tr v vl w z zh".split()
_VOWELS = "a e i o u ai ea ou ya".split()
_CODAS = ["", "", "n", "r", "l", "s", "rn", "nd", "lt", "st", "k", "v", "sk"]
_PLACE_ENDS = ["ivka", "abad", "grad", "sk", "ovo", "pur", "ville", "stan", "ok", "ar", "iyah", "ino"]


def _pseudo(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))


def _weighted_country(rng: random.Random, exclude: set[str]) -> str:
    while True:
        code = rng.choices(_CODES, _WEIGHTS)[0]
        if code not in exclude:
            return code


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


@dataclass
class Person:
    first: str
    last: str
    country: str
    code: str  # the body the person speaks for: IRNGOV, RUSMIL

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class StoryPlan:
    """What one story is about, who is in it, and when its articles appear."""

    number: int
    countries: list[str]
    claims: list[tuple[str, str, str]]  # (subject, class, object)
    rare: list[str]
    lexicon: list[str]
    people: list[Person]
    places: list[tuple[str, str]]  # (name, country)
    days: list[int]
    published: list[dict] = field(default_factory=list)  # its recent articles, for near-copies


def _plan(rng: random.Random, number: int, start: int, articles: int) -> StoryPlan:
    subject = _weighted_country(rng, set())
    obj = _weighted_country(rng, {subject})
    countries = [subject, obj]
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        countries.append(_weighted_country(rng, set(countries)))
    classes = list(_CLASS_WEIGHTS)
    first_class = rng.choices(classes, list(_CLASS_WEIGHTS.values()))[0]
    claims = [(subject, first_class, obj)]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3]) if articles > 1 else 0):
        cls = rng.choices(classes, list(_CLASS_WEIGHTS.values()))[0]
        a, b = rng.sample(countries, 2) if rng.random() < 0.8 else (obj, subject)
        if (a, cls, b) not in claims:
            claims.append((a, cls, b))
    people = []
    for _ in range(rng.randint(2, 5)):
        country = rng.choice(countries)
        people.append(Person(rng.choice(FIRST), _pseudo(rng, 2).capitalize() + rng.choice(["ov", "i", "son", "ez", ""]),
                             country, country + rng.choice(["GOV", "GOV", "MIL"])))
    places = [((_pseudo(rng, rng.randint(1, 2)) + rng.choice(_PLACE_ENDS)).capitalize(), rng.choice(countries[1:]))
              for _ in range(rng.randint(1, 3))]
    duration = rng.randint(14, 42)
    days = sorted(start + int(duration * rng.random() ** 1.6) for _ in range(articles - 1))
    return StoryPlan(number, countries, claims, [_pseudo(rng, rng.randint(2, 3)) for _ in range(rng.randint(6, 10))],
                     rng.sample(_COMMON, 20), people, places, [start, *days])


class _Writer:
    """Builds an article's text sentence by sentence, remembering where each actor is named."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.actors: list[dict[str, Any]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def name(self, text: str, code: str | None, country: str | None, kind: str) -> None:
        self.actors.append({"text": text, "code": code, "country": country, "kind": kind,
                            "start": self.length, "end": self.length + len(text)})
        self.add(text)


class _Article:
    """One article of a story: its text and analysis, written from the plan."""

    def __init__(self, rng: random.Random, plan: StoryPlan, day: date) -> None:
        self.rng, self.plan, self.day = rng, plan, day
        self.w = _Writer()
        self.statements: list[dict[str, Any]] = []
        self.figures: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.words = 0

    # Pieces that name actors.
    def country(self, code: str) -> None:
        if self.rng.random() < 0.2:
            self.w.name(_CAPITAL[code], code, code, "place")
        else:
            self.w.name(_NAME[code], code, code, "country")

    def body(self, code: str) -> tuple[str, str]:
        suffix, kind, pattern = self.rng.choice(_BODIES)
        text = pattern.format(_NAME[code])
        self.w.name(text, code + suffix, code, kind)
        return text, code + suffix

    def filler(self, n: int) -> None:
        """n words: function words, the story's rare words and lexicon, the common vocabulary."""
        r, plan = self.rng, self.plan
        words = []
        for x in (r.random() for _ in range(n)):
            if x < 0.42:
                words.append(r.choice(_FUNCTION))
            elif x < 0.54:
                words.append(r.choice(plan.rare))
            elif x < 0.80:
                words.append(r.choice(plan.lexicon))
            else:
                words.append(r.choice(_COMMON))
        self.w.add(" ".join(words))
        self.words += n

    def sentence(self) -> None:
        r = self.rng
        self.w.add(r.choice(["The ", "In ", "Officials said ", "On Monday ", "Meanwhile ", ""]))
        self.filler(r.randint(6, 12))
        if r.random() < 0.5:
            self.w.add(" in ")
            if r.random() < 0.5:
                name, country = r.choice(self.plan.places)
                self.w.name(name, country, country, "place")
            else:
                self.country(r.choice(self.plan.countries))
        if r.random() < 0.25:
            self.w.add(", ")
            person = r.choice(self.plan.people)
            self.w.name(person.name if r.random() < 0.5 else person.last, person.code, person.country, "person")
            self.w.add(" said")
        if r.random() < 0.08:
            code, name = r.choice(_INTERNATIONAL)
            self.w.add(" and the ")
            self.w.name(name, code, None, "international_org")
        self.w.add(" ")
        self.filler(r.randint(4, 10))
        self.w.add(". ")

    def statement(self) -> None:
        r, plan, w = self.rng, self.plan, self.w
        start = w.length
        kind = r.choice(_SOURCE_KINDS)
        stance = r.choice(_STANCES)
        subject, cls, obj = r.choice(plan.claims)
        roll = r.random()
        shape = "full" if roll < 0.42 else "bare" if roll < 0.57 else "other" if roll < 0.67 else "speech"
        if stance == "denies" and shape == "full" and r.random() < 0.5:
            kind = "government_body"  # the accused denying it
        # Who says it.
        source = source_actor = source_country = cited = None
        if kind in ("government_body", "intelligence_agency"):
            country = subject if stance == "denies" else r.choice(plan.countries)
            source_country = country
            if kind == "intelligence_agency":
                source = f"{_NAME[country]}'s intelligence service"
                source_actor = country + "SPY"
                w.name(source, source_actor, country, "intelligence_agency")
            else:
                source, source_actor = self.body(country)
        elif kind in ("named_official", "expert"):
            person = r.choice(plan.people)
            source = person.name if r.random() < 0.6 else person.last
            source_actor, source_country = (person.code, person.country) if kind == "named_official" else (None, None)
            w.name(source, person.code, person.country, "person")
        elif kind == "anonymous_official":
            source = r.choice(_ANONYMOUS)
            source_country = r.choice(plan.countries) if r.random() < 0.5 else None
            w.add(source[0].upper() + source[1:])
        elif kind == "media_outlet":
            source = r.choice(_MEDIA)
            w.name(source, None, None, "media_outlet")
        else:
            w.add("It was reported")
        if r.random() < 0.08:
            cited = r.choice(_MEDIA)
        cue = r.choice(_CUES[stance])
        w.add(f" {cue} that ")
        # What is said.
        location = None
        if shape in ("full", "other"):
            verb = r.choice(CLAIM_VERBS[cls]) if shape == "full" else r.choice(_OTHER_VERBS)
            subject_code = subject if r.random() < 0.6 else subject + r.choice(["GOV", "MIL"])
            if subject_code == subject:
                self.country(subject)
            else:
                self.body(subject)
            w.add(f" had {_PAST[verb]} ")
            if shape == "full" and cls in _UNITS and r.random() < 0.35:
                self.figure(subject, cls)
                w.add(" ")
            object_code: str | None = obj
            if r.random() < 0.12:  # the place stands for the recipient: "sent drones to Kharkiv"
                name, country = r.choice(plan.places)
                w.add("to ")
                w.name(name, country, country, "place")
                object_code, location = None, name
            else:
                w.add("to " if cls == "supply" else "")
                self.country(obj)
                if r.random() < 0.3:
                    name, country = r.choice(plan.places)
                    w.add(" near ")
                    w.name(name, country, country, "place")
                    location = name
            proposition = {"subject": subject_code, "predicate": verb, "object": object_code, "location": location}
            self.event(subject, obj, cls, statement=len(self.statements))
        elif shape == "bare":  # "Tehran denied it", now and then naming the claim's object
            self.country(subject)
            w.add(" had done so")
            if r.random() < 0.5:
                w.add(" in ")
                self.country(obj)
            proposition = {"subject": subject, "predicate": None, "object": None, "location": None}
        else:  # speech only: the verb reports, the claim is not said
            w.add("the situation around ")
            other = r.choice(plan.countries)
            self.country(other)
            w.add(" was " + r.choice(["serious", "changing", "under review", "calm", "tense"]))
            proposition = {"subject": r.choice([None, None, source_country]), "predicate": r.choice(_SPEECH),
                           "object": r.choice([None, other]), "location": None}
        w.add(", ")
        self.filler(r.randint(3, 8))
        w.add(". ")
        end = w.length - 1
        self.statements.append({
            "sentence": None,  # filled in by text()
            "start": start, "end": end, "source": source, "source_actor": source_actor,
            "source_country": source_country, "source_kind": kind, "stance": stance, "cue": cue.split()[0],
            "proposition": proposition, "cited": cited})

    def figure(self, subject: str, cls: str) -> None:
        r = self.rng
        unit = r.choice(_UNITS[cls])
        value = float(round(r.lognormvariate(6, 1.6), -1) or 10)
        high = value * r.choice([1.5, 2, 3]) if r.random() < 0.15 else None
        approx = r.choice(_APPROX)
        text = f"{approx} " if approx else ""
        text += f"{int(value):,}" + (f" to {int(high):,}" if high else "") + f" {unit}"
        start = self.w.length
        self.w.add(text)
        self.figures.append({"value": value, "unit": unit, "subject": subject + r.choice(["", "MIL", "GOV"]),
                             "approx": approx, "text": text, "start": start, "end": self.w.length, "high": high})

    def event(self, a: str | None, b: str | None, cls: str | None = None, statement: int | None = None) -> None:
        r = self.rng
        by_class = {"supply": "154", "attack": "190", "train": "070", "sanction": "163", "meet": "042",
                    "accuse": "112"}
        code = by_class.get(cls or "") if cls and r.random() < 0.7 else None
        code, name, goldstein = next((e for e in _EVENTS if e[0] == code), None) or r.choice(_EVENTS)
        self.events.append({"code": code, "name": name, "goldstein": goldstein,
                            "actor1": a if r.random() < 0.85 else None, "actor2": b if r.random() < 0.7 else None,
                            "location": None, "date": self.day.isoformat(), "sentence": statement})

    def write(self, target_words: int) -> None:
        r = self.rng
        for place in self.plan.places[:1]:
            self.w.name(place[0].upper(), place[1], place[1], "place")
            self.w.add(f", {self.day:%b} {self.day.day} - ")
        statements = r.randint(4, 14)
        while self.words < target_words or statements > 0:
            if statements > 0 and r.random() < 0.45:
                self.statement()
                statements -= 1
            else:
                self.sentence()
            if r.random() < 0.15:
                self.w.add("\n\n")
        for _ in range(r.randint(0, 4)):
            a, b = r.sample(self.plan.countries, 2)
            self.event(a, b)

    def text(self) -> str:
        text = "".join(self.w.parts).rstrip()
        for s in self.statements:
            s["sentence"] = text[s["start"]:s["end"]]
        for e in self.events:  # an event from a statement has its sentence, the others the lead
            e["sentence"] = self.statements[e["sentence"] if e["sentence"] is not None else 0]["sentence"]
        return text


def _title(rng: random.Random, plan: StoryPlan) -> str:
    subject, cls, obj = plan.claims[0]
    verb = rng.choice(CLAIM_VERBS[cls])
    rare, lex = rng.choice(plan.rare), rng.choice(plan.lexicon)
    place = rng.choice(plan.places)[0]
    return rng.choice([f"{_NAME[subject]} {verb}s {rare} {lex} to {_NAME[obj]}",
                       f"{place}: {lex} {rare} as {_NAME[subject]} and {_NAME[obj]} trade claims",
                       f"{rare.capitalize()} {lex} in {place} raises questions for {_NAME[obj]}",
                       f"Officials in {_NAME[obj]} {rng.choice(['deny', 'confirm', 'question'])} {rare} {lex} report"])


def _article(rng: random.Random, number: int, plan: StoryPlan, day: date) -> tuple[dict, dict]:
    """An article (corpus fields) and its analysis dict, in the story of plan."""
    if plan.published and len(plan.days) > 1 and rng.random() < COPY_SHARE / (1 - SINGLETON_SHARE):
        original = rng.choice(plan.published)
        article = dict(original["article"], id=f"trk-{number:07d}", published=day.isoformat(),
                       duplicate_of=original["article"]["id"],
                       text=original["article"]["text"] + f"\n\n(Updated {day.isoformat()}, ref. {number}.)")
        outlet = rng.choice([o for _, o in OUTLETS if o != original["article"]["outlet"]])
        article["outlet"], article["url"] = outlet, f"https://www.{outlet}/{day:%Y/%m/%d}/{number}"
        article["text_hash"] = hashlib.sha256(article["text"].encode()).hexdigest()
        return article, dict(original["analysis"], id=article["id"])
    piece = _Article(rng, plan, day)
    piece.write(rng.randint(150, 300))
    text = piece.text()
    outlet = rng.choice(OUTLETS)[1]
    actors = piece.w.actors
    countries = sorted({a["country"] for a in actors if a["country"]})
    analysis = {"id": f"trk-{number:07d}", "language": "en", "countries": countries, "actors": actors,
                "figures": piece.figures, "statements": piece.statements,
                "anonymous_source": any(s["source_kind"] == "anonymous_official" for s in piece.statements),
                "events": piece.events, "pipeline": "synthetic", "notes": []}
    article = {"id": f"trk-{number:07d}", "url": f"https://www.{outlet}/{day:%Y/%m/%d}/story-{plan.number}-{number}",
               "outlet": outlet, "published": day.isoformat(), "title": _title(rng, plan), "text": text,
               "language": "en", "duplicate_of": None, "text_hash": hashlib.sha256(text.encode()).hexdigest()}
    plan.published = [*plan.published[-7:], {"article": article, "analysis": analysis}]
    return article, analysis


def stream(seed: int = 2024, per_day: float = 60.0) -> Iterator[tuple[dict, dict]]:
    """Endless (article fields, analysis dict) pairs in publication order, about per_day a day from 2019-01-01."""
    rng = random.Random(seed)
    mean_story = 5 + 55 / 3.5  # articles: 5 + 55 * u ** 2.5
    stories_a_day = per_day * (1 - SINGLETON_SHARE) / mean_story
    schedule: dict[int, list[StoryPlan]] = defaultdict(list)
    number = stories = 0
    day = -WARMUP_DAYS
    while True:
        for _ in range(_poisson(rng, stories_a_day)):
            plan = _plan(rng, stories, day, 5 + int(55 * rng.random() ** 2.5))
            stories += 1
            for d in plan.days:
                schedule[d].append(plan)
        today = schedule.pop(day, [])
        if day >= 0:
            for _ in range(_poisson(rng, per_day * SINGLETON_SHARE)):
                today.append(_plan(rng, stories, day, 1))
                stories += 1
            rng.shuffle(today)
            when = START + timedelta(days=day)
            for plan in today:
                number += 1
                yield _article(rng, number, plan, when)
        day += 1
