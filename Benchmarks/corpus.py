#!/usr/bin/env python3
"""Deterministic synthetic corpus for Dossier benchmarks.

Writes the same content twice: as a Dossier site (annotated Markdown with wikilinks and typed
links) and, optionally, as an equivalent Hugo site: taxonomies `actors`, `events` and `themes`,
a page per article (text, table of contents, its terms) and per term (description, the list of
articles), mentions as plain Markdown links. The Hugo theme is deliberately lean: it is the
reference point a user would otherwise pick, not a re-implementation of Dossier's pages.

    python3 Benchmarks/corpus.py --articles 10000 --dossier /dev/shm/d --hugo /dev/shm/h

The same seed and sizes always give byte-identical files. Entity popularity is Zipf-distributed;
names mix accented Latin, Cyrillic and Persian; event dates are full, month-only or year-only,
unquoted as authors write them.
"""

import argparse
import os
import random
import shutil
import unicodedata

# Bump when the output changes, so cached corpora are regenerated.
GENERATOR_VERSION = 2

LATIN_FIRST = ["Émile", "Zoë", "Łukasz", "Ana", "Björn", "Çağlar", "Dušan", "Élodie", "Farrukh",
               "Gulnora", "Hélène", "Iñigo", "Jürgen", "Karim", "Leïla", "Miloš", "Nodir",
               "Oğuz", "Paŭlo", "Rustam", "Søren", "Timur", "Umida", "Vítor", "Zarina", "Aziz",
               "Bahrom", "Dilnoza", "Firuza", "Jamshed", "Komil", "Shahlo", "Tahmina", "Otabek"]
LATIN_LAST = ["Dubois", "Ková", "Nazarov", "Şahin", "Müller", "Rahimov", "García", "Ibrahimović",
              "Sultonov", "Olsen", "Karimova", "Fernández", "Yusupov", "Lefèvre", "Håkansson",
              "Mirzoev", "Quispe", "Żukowski", "Abdulloev", "Nørgaard", "Saidov", "Ó Briain",
              "Kholov", "Petrović", "Davlatov", "Ñúñez", "Tursunov", "Eşref", "Boboev"]
CYRILLIC_FIRST = ["Сергей", "Анна", "Дмитрий", "Ольга", "Фаррух", "Зарина", "Рустам", "Мавлуда",
                  "Бахтиёр", "Нигина", "Игорь", "Светлана", "Шавкат", "Дилором", "Алишер"]
CYRILLIC_LAST = ["Иванов", "Рахимов", "Каримова", "Сафаров", "Петрова", "Назаров", "Юсупов",
                 "Шарипов", "Холова", "Мирзоев", "Давлатов", "Соколова", "Турсунов", "Бобоев"]
PERSIAN_FIRST = ["محمد", "علی", "فاطمه", "حسین", "زهرا", "رضا", "مریم", "جواد", "سعید", "نرگس",
                 "امیر", "لیلا", "مهدی", "پروین", "بهرام"]
PERSIAN_LAST = ["حسینی", "رضایی", "کریمی", "موسوی", "احمدی", "جعفری", "صادقی", "رحیمی",
                "نوری", "قاسمی", "یزدانی", "طاهری", "کاظمی", "فرهادی"]
TRANSLIT = {"Сергей": "sergey", "Анна": "anna", "Дмитрий": "dmitry", "Ольга": "olga",
            "Фаррух": "farrukh", "Зарина": "zarina", "Рустам": "rustam", "Мавлуда": "mavluda",
            "Бахтиёр": "bakhtiyor", "Нигина": "nigina", "Игорь": "igor", "Светлана": "svetlana",
            "Шавкат": "shavkat", "Дилором": "dilorom", "Алишер": "alisher", "Иванов": "ivanov",
            "Рахимов": "rakhimov", "Каримова": "karimova", "Сафаров": "safarov",
            "Петрова": "petrova", "Назаров": "nazarov", "Юсупов": "yusupov",
            "Шарипов": "sharipov", "Холова": "kholova", "Мирзоев": "mirzoev",
            "Давлатов": "davlatov", "Соколова": "sokolova", "Турсунов": "tursunov",
            "Бобоев": "boboev", "محمد": "mohammad", "علی": "ali", "فاطمه": "fatemeh",
            "حسین": "hossein", "زهرا": "zahra", "رضا": "reza", "مریم": "maryam", "جواد": "javad",
            "سعید": "saeed", "نرگس": "narges", "امیر": "amir", "لیلا": "leila", "مهدی": "mahdi",
            "پروین": "parvin", "بهرام": "bahram", "حسینی": "hosseini", "رضایی": "rezaei",
            "کریمی": "karimi", "موسوی": "mousavi", "احمدی": "ahmadi", "جعفری": "jafari",
            "صادقی": "sadeghi", "رحیمی": "rahimi", "نوری": "nouri", "قاسمی": "ghasemi",
            "یزدانی": "yazdani", "طاهری": "taheri", "کاظمی": "kazemi", "فرهادی": "farhadi"}
ORG_HEAD = ["Council", "Agency", "Front", "Union", "Committee", "Bank", "Institute", "Movement",
            "Fund", "Bureau", "Alliance", "Office", "Company", "Party", "Foundation"]
ORG_TAIL = ["for Regional Security", "of Water Resources", "for Trade", "of Border Affairs",
            "for Energy Cooperation", "of Mountain Roads", "for Cultural Relations",
            "of the Pamir", "for Migration", "of Central Asia", "for Transit", "of the Caspian"]
COUNTRY_A = ["Nor", "Val", "Kar", "Tash", "Zer", "Ost", "Bel", "Sam", "Dar", "Mir", "Kho",
             "Ard", "Lum", "Ves", "Qar", "Sur"]
COUNTRY_B = ["avia", "istan", "onia", "abad", "aria", "ezia", "uria", "endia", "ovia", "asia"]
EVENT_KIND = ["summit", "agreement", "visit", "border clash", "election", "sanctions package",
              "pipeline opening", "forum", "treaty signature", "military exercise", "protest",
              "loan deal", "trade fair", "embassy opening", "ceasefire"]
THEME_NAMES = ["Regional security", "Energy and infrastructure", "Trade and economy",
               "Religion and politics", "Foreign policy", "Migration", "Water", "Border disputes",
               "Military cooperation", "Human rights", "Media and information", "Transport",
               "Education", "Public health", "Climate", "Labour", "Banking", "Sanctions",
               "Diaspora", "Culture and language", "Drug trafficking", "Elections",
               "Corruption", "Mining", "Agriculture", "Tourism", "Digital policy", "Terrorism",
               "Refugees", "Civil society", "Judiciary", "Demography", "Aviation",
               "Telecommunications", "Space", "Fisheries", "Arms control", "Diplomacy",
               "Soft power", "Urbanisation"]
WORDS = ("the of and to in a is that for on with as by was it at from this be are an which "
         "government border policy minister region cooperation agreement security trade "
         "officials analysts relations economic military political support talks capital "
         "visit delegation report according statement agreed sources infrastructure energy "
         "water project investment loan bank sanctions pressure influence interests strategic "
         "partnership neighbouring tensions dispute negotiations summit declaration observers "
         "increasingly however meanwhile despite although several during since after before "
         "years months weeks recent previous former current growing significant limited").split()
CODE = ["`grep -c`", "`v2.1`", "`ISO 3166`", "`HS 8525`", "`UTC+5`", "`0x1F`", "`n = 412`"]


def slugify(text):
    text = unicodedata.normalize("NFKD", text)
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch in " -'" and out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def translit(name):
    return " ".join(TRANSLIT.get(part, part) for part in name.split())


class Entity:
    def __init__(self, kind, id, name, aliases=(), fields=None):
        self.kind, self.id, self.name = kind, id, name
        self.aliases = list(aliases)
        self.fields = fields or {}


class Corpus:
    def __init__(self, articles, seed, actors=None, events=None, themes=40):
        self.rng = random.Random(seed)
        self.n_articles = articles
        self.n_actors = actors or max(50, articles // 5)
        self.n_events = events or max(25, articles // 10)
        self.n_themes = min(themes, len(THEME_NAMES))
        self.used = set()  # lower-cased ids, names and aliases: every one must be unique
        self.actors = [self.make_actor(i) for i in range(self.n_actors)]
        self.events = [self.make_event(i) for i in range(self.n_events)]
        self.themes = [self.make_theme(i) for i in range(self.n_themes)]
        # Zipf weights: the entity of rank r is mentioned ~1/r as often as the first.
        self.actor_weights = self.zipf(self.n_actors)
        self.event_weights = self.zipf(self.n_events)
        self.theme_weights = self.zipf(self.n_themes)

    @staticmethod
    def zipf(n, s=1.0):
        weights, total = [], 0.0
        for rank in range(1, n + 1):
            total += 1.0 / rank ** s
            weights.append(total)
        return weights

    def claim(self, *keys):
        keys = [k.lower() for k in keys]
        if any(k in self.used for k in keys) or len(set(keys)) != len(keys):
            return False
        self.used.update(keys)
        return True

    def unique(self, make):
        for attempt in range(1000):
            made = make(attempt)
            if self.claim(made[0], made[1], *made[2]):
                return made
        raise RuntimeError("could not find a unique name")

    def make_actor(self, index):
        rng = self.rng
        roll = rng.random()

        def make(attempt):
            suffix = f" {attempt // 20 + 2}" if attempt >= 20 else ""
            if roll < 0.12:
                name = rng.choice(COUNTRY_A) + rng.choice(COUNTRY_B) + suffix
                return slugify(name), name, [f"Republic of {name}"], "country"
            if roll < 0.35:
                name = f"{rng.choice(ORG_HEAD)} {rng.choice(ORG_TAIL)}{suffix}"
                initials = "".join(w[0] for w in name.split() if w[0].isupper())
                return slugify(name), name, [initials + suffix.strip()], "organization"
            script = rng.random()
            if script < 0.6:
                name = f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}{suffix}"
                return slugify(name), name, [name.split()[1] + suffix], "person"
            first, last = (CYRILLIC_FIRST, CYRILLIC_LAST) if script < 0.8 else \
                          (PERSIAN_FIRST, PERSIAN_LAST)
            name = f"{rng.choice(first)} {rng.choice(last)}"
            latin = translit(name).title() + suffix
            return slugify(latin), name + suffix, [latin], "person"

        id, name, aliases, type = self.unique(make)
        return Entity("actor", id, name, aliases, {"type": type})

    def make_event(self, index):
        rng = self.rng
        year = rng.randint(1991, 2025)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        shape = rng.random()
        if shape < 0.6:
            date = f"{year:04d}-{month:02d}-{day:02d}"
        elif shape < 0.85:
            date = f"{year:04d}-{month:02d}"
        else:
            date = f"{year:04d}"

        def make(attempt):
            place = rng.choice(COUNTRY_A) + rng.choice(COUNTRY_B)
            name = f"{place} {rng.choice(EVENT_KIND)} {year}" + (f" ({attempt})" if attempt else "")
            return slugify(name), name, []

        id, name, _ = self.unique(make)
        actors = sorted({self.actors[rng.randrange(len(self.actors))].id for _ in range(3)})
        themes = [THEME_NAMES[rng.randrange(self.n_themes)]]
        return Entity("event", id, name, [], {"date": date, "actors": actors,
                                             "themes": [slugify(t) for t in themes]})

    def make_theme(self, index):
        name = THEME_NAMES[index]
        id = slugify(name)
        self.claim(id, name)
        return Entity("theme", id, name, [])

    def pick(self, items, weights):
        return self.rng.choices(items, cum_weights=weights, k=1)[0]

    # -- article text

    def sentence(self, words=None):
        rng = self.rng
        words = words or rng.randint(8, 22)
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def mention(self, kind_roll, mentioned):
        """One mention, as (dossier text, hugo text)."""
        rng = self.rng
        if kind_roll < 0.7:
            entity, url = self.pick(self.actors, self.actor_weights), "actors"
        elif kind_roll < 0.9:
            entity, url = self.pick(self.events, self.event_weights), "events"
        else:
            entity, url = self.pick(self.themes, self.theme_weights), "themes"
        mentioned[entity.kind].add(entity.id)
        form = rng.random()
        shown = entity.name
        if form < 0.35:
            text = f"[[{entity.id}]]"
        elif form < 0.55:
            text = f"[[{entity.name}]]"
        elif form < 0.7 and entity.aliases:
            shown = entity.aliases[0]
            text = f"[[{shown}]]"
        elif form < 0.8:
            shown = entity.name.split()[0]
            prefix = "event:" if entity.kind == "event" else ""
            text = f"[[{prefix}{entity.id}|{shown}]]"
        else:
            text = f"[{shown}]({entity.kind}:{entity.id})"
        return text, f"[{shown}](/{url}/{entity.id}/)"

    def paragraph(self, mentions, mentioned, pieces):
        rng = self.rng
        dossier, hugo = [], []
        for _ in range(rng.randint(2, 6)):
            sentence = self.sentence()
            if mentions > 0 and rng.random() < 0.7:
                d, h = self.mention(rng.random(), mentioned)
                mentions -= 1
                words = sentence.split(" ")
                at = rng.randint(1, len(words) - 1)
                dossier.append(" ".join(words[:at] + [d] + words[at:]))
                hugo.append(" ".join(words[:at] + [h] + words[at:]))
            else:
                extra = rng.random()
                if extra < 0.1:
                    sentence = sentence[:-1] + " " + rng.choice(CODE) + "."
                elif extra < 0.18:
                    sentence = sentence[:-1] + f" ([source](https://example.org/r/{rng.randrange(10**6)}))."
                elif extra < 0.25:
                    words = sentence.split(" ")
                    words[1] = f"*{words[1]}*"
                    sentence = " ".join(words)
                if rng.random() < 0.08:
                    # A sourced claim: the footnote's text goes to the end of the article.
                    self.notes.append(f"{self.sentence(rng.randint(4, 10))[:-1]}, https://example.org/s/{rng.randrange(10**6)}.")
                    sentence = sentence[:-1] + f".[^{len(self.notes)}]"
                dossier.append(sentence)
                hugo.append(sentence)
        pieces.append((" ".join(dossier), " ".join(hugo)))
        return mentions

    def table(self, mentions, mentioned, pieces):
        """A GitHub table of figures, some rows naming an entity (pipes in wikilinks escaped)."""
        rng = self.rng
        header = ["Actor", "Figure", "Year"]
        dossier = ["| " + " | ".join(header) + " |", "| :-- | --: | :-: |"]
        hugo = list(dossier)
        for _ in range(rng.randint(3, 7)):
            figure = f"{rng.randint(1, 999)}.{rng.randint(0, 9)}"
            year = str(rng.randint(1990, 2024))
            if mentions > 0 and rng.random() < 0.6:
                d, h = self.mention(rng.random(), mentioned)
                mentions -= 1
                d = d.replace("|", "\\|")
            else:
                d = h = self.sentence(rng.randint(1, 3))[:-1]
            dossier.append(f"| {d} | {figure} | {year} |")
            hugo.append(f"| {h} | {figure} | {year} |")
        pieces.append(("\n".join(dossier), "\n".join(hugo)))
        return mentions

    def article(self, index):
        rng = self.rng
        self.notes = []
        target = rng.randint(2000, 8000)
        mentions = rng.randint(5, 25)
        mentioned = {"actor": set(), "event": set(), "theme": set()}
        pieces = []
        size, section = 0, 0
        while size < target or mentions > 0:
            roll = rng.random()
            if roll < 0.12:
                section += 1
                heading = f"## {self.sentence(rng.randint(2, 5))[:-1]}"
                pieces.append((heading, heading))
            elif roll < 0.22:
                items = []
                for _ in range(rng.randint(2, 5)):
                    if mentions > 0 and rng.random() < 0.5:
                        d, h = self.mention(rng.random(), mentioned)
                        mentions -= 1
                        words = self.sentence(rng.randint(4, 10))
                        items.append((f"- {d}: {words}", f"- {h}: {words}"))
                    else:
                        words = self.sentence(rng.randint(4, 12))
                        items.append((f"- {words}", f"- {words}"))
                pieces.append(("\n".join(d for d, _ in items), "\n".join(h for _, h in items)))
            elif roll < 0.28:
                quote = self.sentence()
                pieces.append((f"> {quote}", f"> {quote}"))
            elif roll < 0.31:
                mentions = self.table(mentions, mentioned, pieces)
            else:
                mentions = self.paragraph(mentions, mentioned, pieces)
            size = sum(len(d.encode()) for d, _ in pieces)
        if self.notes:
            notes = "\n".join(f"[^{n}]: {text}" for n, text in enumerate(self.notes, 1))
            pieces.append((notes, notes))
        year = 2000 + index % 25
        date = f"{year}-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
        title = self.sentence(rng.randint(3, 8))[:-1]
        themes = sorted({self.pick(self.themes, self.theme_weights).id for _ in range(2)})
        return {
            "slug": f"article-{index:06d}",
            "title": title,
            "date": date,
            "themes": themes,
            "mentioned": mentioned,
            "dossier": "\n\n".join(d for d, _ in pieces) + "\n",
            "hugo": "\n\n".join(h for _, h in pieces) + "\n",
        }

    def description(self, entity):
        return f"{self.sentence()} {self.sentence()}"


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def fresh(folder):
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)


def write_dossier(corpus, articles, root):
    fresh(root)
    content = os.path.join(root, "Content")
    for sub in ("articles", "actors", "events", "themes"):
        os.makedirs(os.path.join(content, sub))
    write(os.path.join(root, "dossier.yml"),
          "title: Benchmark corpus\nlanguage: en\npaginate: 50\n")
    for a in corpus.actors:
        write(os.path.join(content, "actors", a.id + ".md"),
              f"---\nname: {quote(a.name)}\ntype: {a.fields['type']}\n"
              f"aliases: [{', '.join(quote(x) for x in a.aliases)}]\n---\n"
              f"{corpus.description(a)}\n")
    for e in corpus.events:
        write(os.path.join(content, "events", e.id + ".md"),
              f"---\nname: {quote(e.name)}\ndate: {e.fields['date']}\n"
              f"actors: {yaml_list(e.fields['actors'])}\nthemes: {yaml_list(e.fields['themes'])}\n"
              f"---\n{corpus.description(e)}\n")
    for t in corpus.themes:
        write(os.path.join(content, "themes", t.id + ".md"),
              f"---\nname: {quote(t.name)}\n---\n{corpus.description(t)}\n")
    for art in articles:
        write(os.path.join(content, "articles", art["slug"] + ".md"),
              f"---\ntitle: {quote(art['title'])}\ndate: {art['date']}\n"
              f"themes: {yaml_list(art['themes'])}\n---\n{art['dossier']}")


HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ site.LanguageCode }}"><head><meta charset="utf-8">
<title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">{{ site.Title }}</a>
<nav><a href="/actors/">Actors</a> <a href="/events/">Events</a> <a href="/themes/">Themes</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    # The sidebar reads the front matter lists: `range site.Taxonomies` + `.GetTerms` triples
    # Hugo's build time, and a user tuning a Hugo site would avoid it.
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .TableOfContents }}<nav class="toc">{{ . }}</nav>{{ end }}
{{ .Content }}</article>
<aside>{{ range $taxonomy := slice "actors" "events" "themes" }}{{ with index $.Params $taxonomy }}
<h2>{{ $taxonomy }}</h2><ul>{{ range . }}<li><a href="/{{ $taxonomy }}/{{ . }}/">{{ . }}</a></li>{{ end }}</ul>
{{ end }}{{ end }}</aside>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
""",
    "_default/taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range first 50 (where site.RegularPages "Section" "articles") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
}


def write_hugo(corpus, articles, root):
    fresh(root)
    write(os.path.join(root, "hugo.toml"),
          'baseURL = "https://example.org/"\nlanguageCode = "en"\ntitle = "Benchmark corpus"\n'
          'disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n'
          '[taxonomies]\nactor = "actors"\nevent = "events"\ntheme = "themes"\n'
          '[markup.goldmark.renderer]\nunsafe = false\n')
    for path, text in HUGO_LAYOUTS.items():
        full = os.path.join(root, "layouts", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        write(full, text)
    os.makedirs(os.path.join(root, "static"))
    write(os.path.join(root, "static", "style.css"), "body{font-family:sans-serif}\n")
    content = os.path.join(root, "content")
    os.makedirs(os.path.join(content, "articles"))
    # Term pages carry the entity's name and description, as Dossier's entity files do.
    for section, entities in (("actors", corpus.actors), ("events", corpus.events),
                              ("themes", corpus.themes)):
        for entity in entities:
            folder = os.path.join(content, section, entity.id)
            os.makedirs(folder)
            write(os.path.join(folder, "_index.md"),
                  f"---\ntitle: {quote(entity.name)}\n---\n{corpus.description(entity)}\n")
    for art in articles:
        m = art["mentioned"]
        write(os.path.join(content, "articles", art["slug"] + ".md"),
              f"---\ntitle: {quote(art['title'])}\ndate: {art['date']}\n"
              f"actors: {yaml_list(sorted(m['actor']))}\nevents: {yaml_list(sorted(m['event']))}\n"
              f"themes: {yaml_list(sorted(set(art['themes']) | m['theme']))}\n---\n{art['hugo']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dossier", help="write the Dossier site into this folder")
    parser.add_argument("--hugo", help="write the equivalent Hugo site into this folder")
    args = parser.parse_args()
    if not args.dossier and not args.hugo:
        parser.error("give --dossier, --hugo or both")
    corpus = Corpus(args.articles, args.seed)
    articles = [corpus.article(i) for i in range(args.articles)]
    # Entity descriptions draw from the same generator: write both sites from one sequence.
    state = corpus.rng.getstate()
    if args.dossier:
        write_dossier(corpus, articles, args.dossier)
    if args.hugo:
        corpus.rng.setstate(state)
        write_hugo(corpus, articles, args.hugo)
    mentions = sum(a["dossier"].count("[[") + a["dossier"].count("](actor:")
                   + a["dossier"].count("](event:") + a["dossier"].count("](theme:")
                   for a in articles)
    size = sum(len(a["dossier"].encode()) for a in articles)
    print(f"{args.articles} articles ({size / 1e6:.1f} MB), {mentions} mentions, "
          f"{corpus.n_actors} actors, {corpus.n_events} events, {corpus.n_themes} themes")


if __name__ == "__main__":
    main()
