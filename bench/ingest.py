"""Ingest benchmark: how fast claimwatch stores articles, and how much memory it takes.

It generates N synthetic English news articles (about 600 words each, deterministic
for a seed, ~1% planted near-duplicate rewrites), writes them to a temp folder as one
JSONL file in the corpus format and as one realistic HTML page per article (menus,
share bar, related links, a "What's Your Reaction?" widget, footer), then measures,
each phase in its own child process with a fresh SQLite store:

  jsonl        ingest_sources(store, [articles.jsonl])
  html         ingest_sources(store, [html folder])
  trafilatura  trafilatura.bare_extraction() alone on the same HTML files, with the
               options claimwatch uses (claimwatch.ingest.html.EXTRACTION_OPTIONS)

and prints articles/s, wall time and peak RSS (ru_maxrss of the child) per phase, next
to the targets: JSONL >= 300 articles/s; HTML ingest >= 0.7 x trafilatura alone.
Generation is not timed. Figures also go to bench/results/ingest.json.

    .venv/bin/python bench/ingest.py [--articles N] [--seed S] [--phases jsonl,html]
                                     [--keep] [--json] [--profile]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

PHASES = ("jsonl", "html", "trafilatura")
JSONL_TARGET = 300.0  # articles/s
HTML_RATIO_TARGET = 0.7  # HTML ingest rate / trafilatura-alone rate
REWRITE_SHARE = 0.01
RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"

# ---------------------------------------------------------------- vocabulary
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
ferryboat hangar kiosk lottery ordinance paddock radar railcar signal silo spillway stipend tollgate tractor viaduct weir
barrier checkpoint clause cohort crane dividend embankment estimate forecast freighter hearing incinerator
inventory judgment landslide manifesto memo mudslide nursery outpost payout premium probe prototype rebate
referendum sensor stall summit terrace ticket treasury underpass vessel watchdog windfarm""".split()
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
A {A} [report|review|study] by {O} found that {pc} percent of {Ns} had been {Vd} [since|in] {y}.""".splitlines()
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
        self.templates = rng.sample(TEMPLATES, 12)  # the article's own phrasing, used in turn
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
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(366))
    outlet_name, outlet = rng.choice(OUTLETS)
    story = Story(rng, outlet_name)
    title, sentences = story.fill(rng.choice(TITLES)), story.sentences()
    paragraphs = [f"{story.places[0].upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet_name}) - {next(sentences)}"]
    while sum(len(p.split()) for p in paragraphs) < 600:
        paragraphs.append(" ".join(next(sentences) for _ in range(rng.randint(1, 3))))
    slug = "-".join(title.lower().replace(":", "").split()[:8])
    return {"id": f"bench-{i:05d}", "url": f"https://www.{outlet}/{day:%Y/%m/%d}/{slug}", "outlet": outlet,
            "published": day.isoformat(), "title": title, "text": "\n\n".join(paragraphs),
            "_author": f"{story.people[0][0]} {story.people[0][1]}", "_site": outlet_name}


def rewrite(i: int, original: dict, rng: random.Random) -> dict:
    """A near-duplicate: another outlet's rewrite a day or two later, paragraphs moved, words changed."""
    paras = original["text"].split("\n\n")[:-1]
    j = rng.randrange(1, len(paras) - 1)
    paras[j], paras[j + 1] = paras[j + 1], paras[j]
    text = " ".join(rng.choice(NOUNS) if w in NOUNS and rng.random() < 0.1 else w
                    for w in "\n\n".join(paras).split(" "))
    outlet_name, outlet = rng.choice([o for o in OUTLETS if o[1] != original["outlet"]])
    day = date.fromisoformat(original["published"]) + timedelta(days=rng.randint(0, 2))
    return {**original, "id": f"bench-{i:05d}", "outlet": outlet, "published": day.isoformat(), "text": text,
            "url": f"https://www.{outlet}/{day:%Y/%m/%d}/{original['url'].rsplit('/', 1)[1]}-{i}",
            "title": "UPDATE: " + original["title"], "_site": outlet_name}


def generate(n: int, seed: int) -> tuple[list[dict], int]:
    rng = random.Random(seed)
    rewrites = set(rng.sample(range(n // 2, n), int(n * REWRITE_SHARE)))
    articles: list[dict] = []
    for i in range(n):
        articles.append(rewrite(i, articles[rng.randrange(i)], rng) if i in rewrites else make_article(i, rng))
    return articles, len(rewrites)


def page(a: dict) -> str:
    e, site = html.escape, html.escape(a["_site"])
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ("World", "Business", "Politics", "Sport"))
    body = "\n".join(f"<p>{e(p)}</p>" for p in a["text"].split("\n\n"))
    reactions = "".join(f'<li><button class="r-{r}">{r}</button> <span>{(len(a["id"]) * ord(r[0])) % 97}</span></li>'
                        for r in ("like", "dislike", "love", "funny", "angry", "sad", "wow"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(a["title"])} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{e(a["title"])}">
<meta property="article:published_time" content="{a["published"]}T08:30:00+00:00">
<meta name="author" content="{e(a["_author"])}"><link rel="canonical" href="{e(a["url"])}">
<link rel="stylesheet" href="/static/site.css"><script>window.dataLayer=[{{"page":"article"}}];</script>
</head><body><header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-menu"><ul>{nav}</ul></nav></header>
<main><article><h1>{e(a["title"])}</h1>
<p class="byline">By {e(a["_author"])} | <time datetime="{a["published"]}">{a["published"]}</time></p>
{body}
<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a> <a href="#">Print</a></div>
<div class="reactions"><h3>What's Your Reaction?</h3><ul>{reactions}</ul></div>
</article><aside class="related-links"><h3>Related stories</h3><ul>
<li><a href="/world/port-strike-ends">Port strike ends after nine days</a></li>
<li><a href="/politics/budget-vote">Budget vote delayed again</a></li>
<li><a href="/business/rail-merger">Rail merger faces review</a></li></ul></aside></main>
<footer><p>&copy; 2024 {site}. All rights reserved.</p><a href="/about">About us</a>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact</a></footer></body></html>
"""


def write_inputs(work: Path, articles: list[dict], phases: list[str]) -> None:
    if "jsonl" in phases:
        with (work / "articles.jsonl").open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps({k: v for k, v in a.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
    if {"html", "trafilatura"} & set(phases):
        (work / "html").mkdir()
        for a in articles:
            (work / "html" / f"{a['id']}.html").write_text(page(a), encoding="utf-8")


def run_phase(phase: str, work: Path) -> dict:
    """One phase, in this (child) process: its figures as a dict."""
    from claimwatch.ingest import ingest_sources
    from claimwatch.ingest.html import EXTRACTION_OPTIONS
    from claimwatch.store import SQLiteStore

    result: dict = {"phase": phase}
    if phase == "trafilatura":
        import trafilatura

        files = sorted((work / "html").glob("*.html"))
        start, extracted = time.perf_counter(), 0
        for f in files:
            document = trafilatura.bare_extraction(f.read_text(encoding="utf-8"), **EXTRACTION_OPTIONS)
            extracted += bool(document and document.text)
        result.update(seconds=time.perf_counter() - start, articles=len(files), extracted=extracted)
    else:
        store = SQLiteStore(work / f"{phase}.db")
        source = work / ("articles.jsonl" if phase == "jsonl" else "html")
        start = time.perf_counter()
        report = ingest_sources(store, [str(source)])
        result["seconds"] = time.perf_counter() - start
        result.update(articles=report.added + report.duplicates + report.unchanged + report.failed,
                      added=report.added, near_duplicates=report.near_duplicates, duplicates=report.duplicates,
                      unchanged=report.unchanged, failed=report.failed, errors=report.errors[:3],
                      stored=store.count_articles())
        store.close()
    result["rate"] = result["articles"] / result["seconds"] if result["seconds"] else 0.0
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--phases", default=",".join(PHASES), help="comma-separated subset of " + ",".join(PHASES))
    parser.add_argument("--keep", action="store_true", help="keep the temp folder and print its path")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    parser.add_argument("--profile", action="store_true", help="cProfile each phase (top 15 by cumtime on stderr)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one phase in this process
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            result = profiler.runcall(run_phase, args.phase, Path(args.workdir))
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(15)
        else:
            result = run_phase(args.phase, Path(args.workdir))
        print(json.dumps(result))
        return

    phases = [p for p in PHASES if p in args.phases.split(",")]
    work = Path(tempfile.mkdtemp(prefix="claimwatch-bench-"))
    try:
        start = time.perf_counter()
        articles, planted = generate(args.articles, args.seed)
        write_inputs(work, articles, phases)
        words = sum(len(a["text"].split()) for a in articles) / len(articles)
        if not args.json:
            print(f"generated {len(articles)} articles ({words:.0f} words on average, {planted} near-duplicate "
                  f"rewrites) in {time.perf_counter() - start:.1f}s under {work}", flush=True)
        results = {}
        for phase in phases:
            command = [sys.executable, __file__, "--phase", phase, "--workdir", str(work)]
            child = subprocess.run(command + (["--profile"] if args.profile else []),
                                   capture_output=True, text=True, check=False)
            sys.stderr.write(child.stderr)
            if child.returncode != 0:
                sys.exit(f"phase {phase} failed with exit code {child.returncode}")
            results[phase] = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    ratio = (results["html"]["rate"] / results["trafilatura"]["rate"]
             if "html" in results and "trafilatura" in results else None)
    summary = {"articles": args.articles, "seed": args.seed, "words_per_article": round(words),
               "planted_near_duplicates": planted, "python": platform.python_version(),
               "machine": f"{platform.machine()} {platform.processor() or ''}".strip(), "phases": results,
               "html_over_trafilatura": ratio,
               "targets": {"jsonl_rate": JSONL_TARGET, "html_over_trafilatura": HTML_RATIO_TARGET},
               "met": {"jsonl_rate": results["jsonl"]["rate"] >= JSONL_TARGET if "jsonl" in results else None,
                       "html_over_trafilatura": ratio >= HTML_RATIO_TARGET if ratio is not None else None}}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    if args.json:
        print(json.dumps(summary))
        return
    targets = {"jsonl": f">= {JSONL_TARGET:.0f}/s", "trafilatura": "-",
               "html": f">= {HTML_RATIO_TARGET} x trafilatura" + (f" (now {ratio:.2f})" if ratio else "")}
    print(f"\n{'phase':<12} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'peak MiB':>9}  target")
    for phase, r in results.items():
        met = summary["met"]["jsonl_rate" if phase == "jsonl" else "html_over_trafilatura"]
        verdict = "" if phase == "trafilatura" or met is None else ("  met" if met else "  NOT met")
        print(f"{phase:<12} {r['articles']:>8} {r['seconds']:>8.1f} {r['rate']:>10.1f} {r['peak_mib']:>9.1f}"
              f"  {targets[phase]}{verdict}")
    print()
    for phase, r in results.items():
        if phase == "trafilatura":
            print(f"trafilatura: text extracted from {r['extracted']} of {r['articles']} pages")
            continue
        print(f"{phase}: added {r['added']} (near-duplicates {r['near_duplicates']}, {planted} planted), "
              f"duplicates {r['duplicates']}, unchanged {r['unchanged']}, failed {r['failed']}; "
              f"store holds {r['stored']} of {args.articles} expected")
        for error in r["errors"]:
            print(f"  e.g. {error}")
    print(f"\nfigures written to {RESULTS}")


if __name__ == "__main__":
    main()
