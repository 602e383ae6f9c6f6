#!/usr/bin/env python3
"""Writes test/questions/questions.jsonl: the project's question set (conversations + expectations).

Expected figures come from the seed documents themselves, never from the bot: the tabbed report
(000) is read line by line here (tab-separated, so unambiguous); the few figures of the PDF text
(001) are typed by hand below and each one is checked to be printed on its stated seed line.
Run from the project root:  python3 test/questions/generate_questions.py
"""
import json, random, re, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
D0 = ROOT / "seeds" / "000_d3382b3632755c54.txt"
D1 = ROOT / "seeds" / "001_a49d1ed256dc6eed.txt"
SA = "Hallinto- ja tukipalvelut"

# Columns of the cost-centre table of 000 (line 93-94): TP 2020, TA+muutos 2021, TP 2021, TA/KS+muutos 2022, TOT 30.6.2022.
COLS0 = [("actual", 2020), ("budget", 2021), ("actual", 2021), ("budget", 2022), ("tot", 2022)]


def num(cell):
    cell = re.sub(r"</?b>", "", cell).replace(" ", "").replace("\u00a0", "").replace(",", ".")
    return int(cell) if re.fullmatch(r"-?\d+", cell) else None


def read_000():
    """cost centre -> account -> {(kind, year): amount}; also operating statement rows."""
    lines = D0.read_text(encoding="utf-8").split("\n")
    table, cc = {}, None
    for i, raw in enumerate(lines, start=1):
        cells = raw.split("\t")
        head = re.sub(r"</?b>", "", cells[0]).strip()
        if i < 117:
            continue
        if head in ("MENOT", "TULOT", "NETTOMENO") and cc:
            vals = [num(c) for c in cells[1:6]]
            table.setdefault(cc, {})[head] = {k: v for k, v in zip(COLS0, vals)}
            table[cc][head]["line"] = i
        elif head and all(c.strip() == "" for c in cells[1:]):
            cc = head
    os_rows = {}
    for i, raw in enumerate(lines[96:111], start=97):
        cells = raw.split("\t")
        head = re.sub(r"</?b>", "", cells[0]).strip()
        vals = [num(c) for c in cells[1:6]]
        if head and all(v is not None for v in vals):
            os_rows[head] = {k: v for k, v in zip(COLS0, vals)}
    return table, os_rows


CC, OS = read_000()

# 001 (budget 2020, PDF text): TP 2018 and TP 2019 MENOT of each cost centre, typed from the seed.
# (line, printed name, TP 2018, TP 2019); checked against the line below.
MENOT_001 = {
    "Vaalit": (330, -6623, -25750),
    "Tilintarkastus": (338, -30414, -15829),
    "Kaupunginvaltuusto": (344, -140882, -153347),
    "Kaupunginhallitus": (350, -155288, -960572),
    "Johtaminen": (358, -364175, -336388),
    "Suhdetoiminta": (366, -1371, -3734),
    "Kuntaliitto": (372, -29479, -31383),
    "Lapin liitto": (378, -103793, -106718),
    "Itä-Lapin kuntayhtymä": (384, -99487, -122607),
    "Hallintopalvelut": (390, -977798, -953107),
    "Henkilöstöpalvelut": (398, -374990, -351579),
    "Talouspalvelut": (406, -381410, -490508),
    "Kunnallisverotus": (414, -153639, -164292),
    "Yhteistoiminta": (420, -48393, -68909),
    "Henkilöstön lomaosake": (426, -4747, -10541),
    "Työsuojelu": (436, -21307, -53305),
    "Ystävyyskaupunkitoiminta": (442, -17510, -7345),
    "Muu toiminta": (448, -581278, -115737),
    "Joukkoliikenne": (456, -309312, -332488),
    "Tietohallinto": (464, -1341404, -1415975),
    "Sortteeri": (472, -219617, -234112),
    "Maaseutuneuvonta": (480, -125435, -116061),
}
# Other 001 figures used below: (line, value) with the printed form checked.
TULOT_001 = {"Joukkoliikenne": (458, 80678, 66803), "Tietohallinto": (466, 18426, 17301), "Talouspalvelut": (408, 82820, 94933)}
NETTO_001 = {"Joukkoliikenne": (460, -228633, -265685), "Tietohallinto": (468, -1322979, -1415974)}
KS2020_MENOT = {"Tietohallinto": (464, -1413060), "Joukkoliikenne": (456, -327500), "Vaalit": (330, -660), "Talouspalvelut": (406, -483630)}
VIRAT = {2018: (159, 46), 2019: (159, 42), 2020: (34, 39), 2021: (34, 38)}

D1_LINES = D1.read_text(encoding="utf-8").split("\n")
D0_LINES = D0.read_text(encoding="utf-8").split("\n")


def printed(v):
    s = f"{abs(v):,}".replace(",", " ")
    return ("-" if v < 0 else "") + s


def check(lines, line, *values):
    text = lines[line - 1]
    for v in values:
        assert printed(v) in text, f"{v} not on line {line}: {text!r}"


for name, (line, a, b) in MENOT_001.items():
    check(D1_LINES, line, a, b)
for d in (TULOT_001, NETTO_001):
    for name, (line, a, b) in d.items():
        check(D1_LINES, line, a, b)
for name, (line, v) in KS2020_MENOT.items():
    check(D1_LINES, line, v)
check(D1_LINES, 159, 46, 42)
check(D0_LINES, 34, 39, 38)

# How people say each cost centre: nominative, genitive, and an English name where one is common.
NAMES = {
    "Vaalit": ("Vaalit", "vaalien", "elections"),
    "Tilintarkastus": ("Tilintarkastus", "tilintarkastuksen", "audit"),
    "Kaupunginvaltuusto": ("Kaupunginvaltuusto", "kaupunginvaltuuston", "city council"),
    "Kaupunginhallitus": ("Kaupunginhallitus", "kaupunginhallituksen", "city board"),
    "Johtaminen": ("Johtaminen", "johtamisen", None),
    "Suhdetoiminta": ("Suhdetoiminta", "suhdetoiminnan", None),
    "Kuntaliitto": ("Kuntaliitto", "kuntaliiton", None),
    "Lapin liitto": ("Lapin liitto", "Lapin liiton", None),
    "Itä-Lapin kuntayhtymä": ("Itä-Lapin kuntayhtymä", "Itä-Lapin kuntayhtymän", None),
    "Hallintopalvelut": ("Hallintopalvelut", "hallintopalveluiden", None),
    "Henkilöstöpalvelut": ("Henkilöstöpalvelut", "henkilöstöpalveluiden", "HR"),
    "Talouspalvelut": ("Talouspalvelut", "talouspalveluiden", "finance"),
    "Kunnallisverotus": ("Kunnallisverotus", "kunnallisverotuksen", None),
    "Yhteistoiminta": ("Yhteistoiminta", "yhteistoiminnan", None),
    "Henkilöstön lomaosake": ("Henkilöstön lomaosake", "henkilöstön lomaosakkeen", None),
    "Työsuojelu": ("Työsuojelu", "työsuojelun", None),
    "Ystävyyskaupunkitoiminta": ("Ystävyyskaupunkitoiminta", "ystävyyskaupunkitoiminnan", None),
    "Muu toiminta": ("Muu toiminta", "muun toiminnan", None),
    "Joukkoliikenne": ("Joukkoliikenne", "joukkoliikenteen", "public transport"),
    "Tietohallinto": ("Tietohallinto", "tietohallinnon", "IT"),
    "Sortteeri": ("Sortteeri", "sortteerin", None),
    "Maaseutuneuvonta": ("Maaseutuneuvonta", "maaseutuneuvonnan", None),
    "Kehittämisprojektit": ("Kehittämisprojektit", "kehittämisprojektien", None),
    "Työterveyshuolto": ("Työterveyshuolto", "työterveyshuollon", "occupational health"),
    "Työllisyydenhoito (työllistämispalvelut)": ("Työllisyydenhoito", "työllisyydenhoidon", "employment services"),
    "Opiskelijoiden kesätyö": ("Opiskelijoiden kesätyö", "opiskelijoiden kesätyön", None),
    "Työmarkkinatuen kuntaosuus": ("Työmarkkinatuen kuntaosuus", "työmarkkinatuen kuntaosuuden", None),
}
assert all(n in CC for n in NAMES), [n for n in NAMES if n not in CC]


def fig(cc, acc, year, amount):
    return {"cc": cc, "acc": acc, "year": year, "amount": amount}


def strip_diacritics(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


OUT = []


def add(tag, turns, expect):
    OUT.append({"id": f"{tag}{len(OUT) + 1:03d}", "turns": turns, "expect": expect})


def answer(*figs, **extra):
    return {"status": "answer", "figures": list(figs), **extra}


rng = random.Random(20221231)
names = list(NAMES)

# 1. Closed-year actuals 2020/2021 (TP, from 000), expenses / revenue / net, several phrasings.
FI_ACTUAL = ["{gen} menot {y}", "Paljonko {nom} käytti vuonna {y}?", "{gen} kulut vuonna {y}", "Mitkä olivat {gen} menot {y}?", "{gen} kustannukset {y}"]
for cc in names:
    nom, gen, en = NAMES[cc]
    for y in (2020, 2021):
        amount = CC[cc]["MENOT"][("actual", y)]
        if amount == 0:
            continue
        t = rng.choice(FI_ACTUAL)
        add("a", [t.format(nom=nom, gen=gen.capitalize() if t.startswith("{gen}") else gen, y=y)], answer(fig(cc, "MENOT", y, amount)))

for cc in names:
    nom, gen, en = NAMES[cc]
    tulot = CC[cc]["TULOT"][("actual", 2021)]
    if tulot:
        add("r", [f"{gen.capitalize()} tulot 2021"], answer(fig(cc, "TULOT", 2021, tulot)))
    netto = CC[cc]["NETTOMENO"][("actual", 2020)]
    if netto:
        add("n", [f"{gen.capitalize()} nettomenot vuonna 2020"], answer(fig(cc, "NETTOMENO", 2020, netto)))

# 2. Older years from the 2020 budget document (TP 2018, TP 2019).
for cc, (line, tp18, tp19) in MENOT_001.items():
    nom, gen, en = NAMES[cc]
    add("o", [f"{gen.capitalize()} menot 2019"], answer(fig(cc, "MENOT", 2019, tp19)))
    if cc in ("Tietohallinto", "Joukkoliikenne", "Kaupunginvaltuusto", "Vaalit", "Muu toiminta", "Talouspalvelut"):
        add("o", [f"Paljonko {nom} käytti 2018?"], answer(fig(cc, "MENOT", 2018, tp18)))

# 3. Budgets (final budget of the year).
for cc in names:
    nom, gen, en = NAMES[cc]
    for y in (2021, 2022):
        b = CC[cc]["MENOT"][("budget", y)]
        nb = CC[cc]["NETTOMENO"][("budget", y)]
        if b == 0:
            continue
        phr = rng.choice(["{gen} budjetti {y}", "{gen} talousarvio vuodelle {y}", "Paljonko {gen} menoihin on budjetoitu {y}?"])
        q = phr.format(gen=gen.capitalize() if phr.startswith("{gen}") else gen, y=y)
        add("b", [q], {"status": "answer", "figuresAny": [[fig(cc, "MENOT", y, b)], [fig(cc, "NETTOMENO", y, nb)]]})
for cc, (line, ks) in KS2020_MENOT.items():
    nom, gen, en = NAMES[cc]
    add("b", [f"{gen.capitalize()} menobudjetti 2020"], answer(fig(cc, "MENOT", 2020, ks)))

# 4. Open year: spent so far beside the budget; remaining.
for cc in names:
    nom, gen, en = NAMES[cc]
    tot = CC[cc]["MENOT"][("tot", 2022)]
    b = CC[cc]["MENOT"][("budget", 2022)]
    if tot == 0 or b == 0:
        continue
    add("s", [f"paljonko {nom} on käyttänyt?"], answer(fig(cc, "MENOT", 2022, tot), fig(cc, "MENOT", 2022, b)))
    add("s", [f"{gen.capitalize()} menot tähän mennessä"], answer(fig(cc, "MENOT", 2022, tot)))
    if abs(b) > abs(tot):
        add("j", [f"Paljonko {gen} budjettia on jäljellä?"], answer(fig(cc, "MENOT", 2022, tot), fig(cc, "MENOT", 2022, b), mentionsNumber=abs(b - tot)))

# 5. Dates and TOT figures of revenue and net.
for cc in ["Talouspalvelut", "Joukkoliikenne", "Tietohallinto", "Työterveyshuolto", "Henkilöstöpalvelut", "Sortteeri"]:
    nom, gen, en = NAMES[cc]
    add("d", [f"{gen.capitalize()} nettomeno 30.6.2022"], answer(fig(cc, "NETTOMENO", 2022, CC[cc]["NETTOMENO"][("tot", 2022)])))
    add("d", [f"{gen.capitalize()} tulot tähän mennessä"], answer(fig(cc, "TULOT", 2022, CC[cc]["TULOT"][("tot", 2022)])))

# 6. English.
for cc in names:
    nom, gen, en = NAMES[cc]
    label = en or nom
    m21 = CC[cc]["MENOT"][("actual", 2021)]
    if m21:
        add("e", [f"How much did {label} spend in 2021?"], answer(fig(cc, "MENOT", 2021, m21)))
    tot = CC[cc]["MENOT"][("tot", 2022)]
    if en and tot:
        add("e", [f"How much has {en} spent so far this year?"], answer(fig(cc, "MENOT", 2022, tot)))
        b21 = CC[cc]["MENOT"][("budget", 2021)]
        if b21:
            add("e", [f"What was the {en} budget in 2021?"], {"status": "answer", "figuresAny": [[fig(cc, "MENOT", 2021, b21)], [fig(cc, "NETTOMENO", 2021, CC[cc]["NETTOMENO"][("budget", 2021)])]]})

# 7. Missing diacritics and typos.
for cc in ["Työterveyshuolto", "Itä-Lapin kuntayhtymä", "Henkilöstöpalvelut", "Työsuojelu", "Ystävyyskaupunkitoiminta", "Kehittämisprojektit", "Työmarkkinatuen kuntaosuus", "Yhteistoiminta"]:
    nom, gen, en = NAMES[cc]
    y = 2021 if CC[cc]["MENOT"][("actual", 2021)] else 2022
    kind = "actual" if y == 2021 else "budget"
    word = "menot" if y == 2021 else "budjetti"
    add("k", [strip_diacritics(f"{gen} {word} {y}")], answer(fig(cc, "MENOT", y, CC[cc]["MENOT"][(kind, y)])))
TYPOS = [
    ("tietohalinnon menot 2021", "Tietohallinto"),
    ("tietohallnnon menot 2020", "Tietohallinto"),
    ("joukkoliikentee menot 2021", "Joukkoliikenne"),
    ("kaupunginvaltuustn menot 2020", "Kaupunginvaltuusto"),
    ("talouspalveluden menot 2021", "Talouspalvelut"),
    ("henkilostopalveluiden menot 2020", "Henkilöstöpalvelut"),
    ("maaseutuneuvonan menot 2021", "Maaseutuneuvonta"),
    ("tilintarkastukse menot 2020", "Tilintarkastus"),
    ("kunnallisverotukesn menot 2021", "Kunnallisverotus"),
    ("kaupunginhalituksen menot 2021", "Kaupunginhallitus"),
]
for q, cc in TYPOS:
    y = int(q[-4:])
    add("t", [q], answer(fig(cc, "MENOT", y, CC[cc]["MENOT"][("actual", y)])))

# 8. Inflected forms other than the genitive.
INFLECTED = [
    ("Paljonko vaaleihin kului 2021?", "Vaalit", "MENOT", 2021),
    ("Paljonko tietohallintoon meni rahaa 2020?", "Tietohallinto", "MENOT", 2020),
    ("Paljonko joukkoliikenteeseen käytettiin 2021?", "Joukkoliikenne", "MENOT", 2021),
    ("Paljonko Lapin liitolle maksettiin 2020?", "Lapin liitto", "MENOT", 2020),
    ("Paljonko kuntaliitolle maksettiin 2021?", "Kuntaliitto", "MENOT", 2021),
    ("Paljonko tilintarkastukseen kului 2020?", "Tilintarkastus", "MENOT", 2020),
    ("Paljonko työsuojeluun käytettiin 2021?", "Työsuojelu", "MENOT", 2021),
    ("Tietohallinnossa käytetty 2021", "Tietohallinto", "MENOT", 2021),
]
for q, cc, acc, y in INFLECTED:
    add("i", [q], answer(fig(cc, acc, y, CC[cc][acc][("actual", y)])))

# 9. Follow-ups: change the year, the account, or the cost centre only.
FOLLOW = [
    (["Joukkoliikenteen tulot 2021", "entä 2020?"], fig("Joukkoliikenne", "TULOT", 2020, CC["Joukkoliikenne"]["TULOT"][("actual", 2020)])),
    (["Tietohallinnon menot 2021", "entä 2019?"], fig("Tietohallinto", "MENOT", 2019, -1415975)),
    (["Tietohallinnon menot 2021", "entä tulot?"], fig("Tietohallinto", "TULOT", 2021, CC["Tietohallinto"]["TULOT"][("actual", 2021)])),
    (["Vaalien menot 2020", "entä 2021?"], fig("Vaalit", "MENOT", 2021, CC["Vaalit"]["MENOT"][("actual", 2021)])),
    (["Kaupunginhallituksen menot 2021", "entä Kaupunginvaltuusto?"], fig("Kaupunginvaltuusto", "MENOT", 2021, CC["Kaupunginvaltuusto"]["MENOT"][("actual", 2021)])),
    (["Talouspalveluiden tulot 2020", "entä Henkilöstöpalvelut?"], fig("Henkilöstöpalvelut", "TULOT", 2020, CC["Henkilöstöpalvelut"]["TULOT"][("actual", 2020)])),
    (["Sortteerin menot 2022 budjetissa", "entä Maaseutuneuvonta?"], fig("Maaseutuneuvonta", "MENOT", 2022, CC["Maaseutuneuvonta"]["MENOT"][("budget", 2022)])),
    (["Joukkoliikenteen nettomenot 2021", "entä Tietohallinto?"], fig("Tietohallinto", "NETTOMENO", 2021, CC["Tietohallinto"]["NETTOMENO"][("actual", 2021)])),
    (["How much did public transport spend in 2021?", "and in 2020?"], fig("Joukkoliikenne", "MENOT", 2020, CC["Joukkoliikenne"]["MENOT"][("actual", 2020)])),
    (["IT expenses 2021", "and revenue?"], fig("Tietohallinto", "TULOT", 2021, CC["Tietohallinto"]["TULOT"][("actual", 2021)])),
    (["Tilintarkastuksen menot 2021", "entä 2020?", "entä Vaalit?"], fig("Vaalit", "MENOT", 2020, CC["Vaalit"]["MENOT"][("actual", 2020)])),
    (["Johtamisen menot 2020", "entä nettomenot?"], fig("Johtaminen", "NETTOMENO", 2020, CC["Johtaminen"]["NETTOMENO"][("actual", 2020)])),
]
for turns, f in FOLLOW:
    add("f", turns, answer(f))

# 10. Budget against actual, comparisons, trends.
for cc in ["Joukkoliikenne", "Tietohallinto", "Vaalit", "Kaupunginhallitus", "Talouspalvelut", "Hallintopalvelut"]:
    nom, gen, en = NAMES[cc]
    add("v", [f"Ylittikö {nom} budjettinsa 2021?"], answer(fig(cc, "MENOT", 2021, CC[cc]["MENOT"][("actual", 2021)]), fig(cc, "MENOT", 2021, CC[cc]["MENOT"][("budget", 2021)])))
    add("c", [f"Vertaa {gen} menoja 2020 ja 2021"], answer(fig(cc, "MENOT", 2020, CC[cc]["MENOT"][("actual", 2020)]), fig(cc, "MENOT", 2021, CC[cc]["MENOT"][("actual", 2021)])))
for cc in ["Joukkoliikenne", "Tietohallinto"]:
    nom, gen, en = NAMES[cc]
    add("g", [f"{gen.capitalize()} nettomenojen kehitys"], answer(fig(cc, "NETTOMENO", 2018, NETTO_001[cc][1]), fig(cc, "NETTOMENO", 2021, CC[cc]["NETTOMENO"][("actual", 2021)])))
    add("g", [f"{gen.capitalize()} menot vuosittain"], answer(fig(cc, "MENOT", 2019, MENOT_001[cc][2]), fig(cc, "MENOT", 2020, CC[cc]["MENOT"][("actual", 2020)])))
    add("g", [f"{en} expenses trend"], answer(fig(cc, "MENOT", 2018, MENOT_001[cc][1]), fig(cc, "MENOT", 2021, CC[cc]["MENOT"][("actual", 2021)])))
add("c", ["Vertaa Tietohallintoa ja Joukkoliikennettä 2021"], answer(fig("Tietohallinto", "MENOT", 2021, -1577137), fig("Joukkoliikenne", "MENOT", 2021, -338529)))
add("c", ["compare public transport expenses 2020 and 2021"], answer(fig("Joukkoliikenne", "MENOT", 2020, -340825), fig("Joukkoliikenne", "MENOT", 2021, -338529)))

# 11. Service area: totals, line items, key figures, appropriations.
for label, y, kind, key in [
    ("toimintakulut", 2021, "actual", "TOIMINTAKULUT"),
    ("toimintatuotot", 2020, "actual", "TOIMINTATUOTOT"),
    ("toimintakate", 2021, "actual", "TOIMINTAKATE/JÄÄMÄ"),
]:
    add("p", [f"Palvelualueen {label} {y}"], answer(fig(SA, key, y, OS[key][(kind, y)])))
for item in ["Henkilöstökulut", "Palvelujen ostot", "Avustukset", "Vuokrat", "Myyntituotot", "Muut toimintakulut"]:
    add("l", [f"{item} 2021"], answer(fig(SA, item, 2021, OS[item][("actual", 2021)])))
    add("l", [f"{item} 2022 talousarviossa"], answer(fig(SA, item, 2022, OS[item][("budget", 2022)])))
for y, (line, v) in VIRAT.items():
    add("y", [f"Vakinaiset virat ja toimet {y}"], answer(fig(SA, "Vakinaiset virat ja toimet 31.12.", y, v)))
add("y", ["Toimintakate euroa per asukas 2021"], answer(fig(SA, "Toimintakate €/asukas", 2021, -768)))
add("p", ["Koko palvelualueen menot 2021"], answer(fig(SA, "MENOT", 2021, -6554890)))
add("p", ["How much has the whole service area spent so far?"], answer(fig(SA, "MENOT", 2022, -3912901)))

# 12. Rankings and overspending.
add("q", ["Suurimmat menot 2021"], {"status": "answer", "rankFirstAny": [fig("Tietohallinto", "MENOT", 2021, -1577137)], "rankSecond": fig("Kaupunginhallitus", "MENOT", 2021, -1067560)})
add("q", ["Mihin kului eniten rahaa 2020?"], {"status": "answer", "rankFirstAny": [fig("Tietohallinto", "MENOT", 2020, -1477909)]})
add("q", ["Suurimmat menot 30.6.2022"], {"status": "answer", "rankFirstAny": [fig("Tietohallinto", "MENOT", 2022, -924370)], "rankSecond": fig("Kaupunginhallitus", "MENOT", 2022, -506612)})
add("q", ["Top 3 expenses in 2021"], {"status": "answer", "rankFirstAny": [fig("Tietohallinto", "MENOT", 2021, -1577137)]})
add("q", ["Suurimmat tulot 2021"], {"status": "answer", "rankFirstAny": [fig("Talouspalvelut", "TULOT", 2021, 275129)], "rankSecond": fig("Sortteeri", "TULOT", 2021, 232518)})
add("q", ["Suurimmat kululajit 2021"], {"status": "answer", "rankFirstAny": [fig(SA, "Palvelujen ostot", 2021, -3287792)], "rankSecond": fig(SA, "Henkilöstökulut", 2021, -2199275)})
add("q", ["Suurimmat menot 2019"], {"status": "answer", "rankFirstAny": [fig("Tietohallinto", "MENOT", 2019, -1415975)]})
add("u", ["Mitkä kustannuspaikat ylittivät budjettinsa 2021?"], answer(fig("Tietohallinto", "MENOT", 2021, -1577137), fig("Vaalit", "MENOT", 2021, -39765)))
add("u", ["Which cost centres are ahead of pace?"], answer(fig("Työterveyshuolto", "MENOT", 2022, -211572), fig("Tietohallinto", "MENOT", 2022, -924370)))

# 13. Forecast.
for cc in ["Tietohallinto", "Joukkoliikenne", "Kaupunginvaltuusto"]:
    nom, gen, en = NAMES[cc]
    add("F", [f"Riittääkö {gen} budjetti?"], answer(fig(cc, "MENOT", 2022, CC[cc]["MENOT"][("tot", 2022)]), fig(cc, "MENOT", 2022, CC[cc]["MENOT"][("budget", 2022)])))
add("F", ["Will IT overrun its budget this year?"], answer(fig("Tietohallinto", "MENOT", 2022, -924370), fig("Tietohallinto", "MENOT", 2022, -1488900)))

# 14. Prose, help, greetings, thanks, subscriptions.
# The section heading with its number: the question's own words are echoed in the answer, so
# they would prove nothing.
for q, m in [("Mitkä ovat toiminnalliset tavoitteet?", "2. Toiminnalliset tavoitteet"), ("Miten talouden sopeuttamisohjelma etenee?", "5. Talouden sopeuttamisohjelma"), ("Mitkä ovat toiminnan painopistealueet?", "6. Toiminnan painopistealueet"), ("Kerro toimintaympäristön muutoksista", "4. Toimintaympäristö ja sen muutokset"), ("Mikä on palvelualueen toiminta-ajatus?", "1. Toiminta-ajatus"), ("Mitä toimintaympäristössä on tapahtunut?", "4. Toimintaympäristö ja sen muutokset"), ("What has changed in the operating environment?", "4. Toimintaympäristö ja sen muutokset"), ("Mikä on palvelualueen tehtävä?", "1. Toiminta-ajatus"), ("What are the priorities?", "6. Toiminnan painopistealueet")]:
    add("w", [q], {"status": "answer", "mentions": [m]})
for q in ["apua", "ohje", "mitä voin kysyä?", "help", "what can I ask?"]:
    add("h", [q], {"status": "answer", "intent": "help"})
for q in ["hei", "moi", "hello"]:
    add("h", [q], {"status": "answer", "intent": "greeting"})
for q in ["kiitos", "thanks!"]:
    add("h", [q], {"status": "answer", "intent": "thanks"})

# 15. Ambiguity, not found, absent data.
for q in ["Paljonko liitoille maksettiin 2021?", "liiton menot 2020", "palveluiden menot 2021"]:
    add("m", [q], {"status": ["clarify", "answer"]})
for q in ["Paljonko koulut ovat käyttäneet?", "Sosiaalitoimen menot 2021", "kirjaston budjetti 2022", "How much did the library spend?", "Palolaitoksen tulot 2020", "Terveyskeskuksen menot", "Nuorisotoimen nettomenot 2021", "Satama menot 2021"]:
    add("z", [q], {"status": ["not_found", "clarify"], "forbid": [{"amount": -1577137}, {"amount": -924370}]})
for cc in ["Tietohallinto", "Joukkoliikenne", "Vaalit", "Talouspalvelut", "Kaupunginhallitus"]:
    nom, gen, en = NAMES[cc]
    add("z", [f"{gen.capitalize()} henkilöstökulut"], {"status": ["not_found", "clarify"], "forbid": [{"amount": -1230385}, {"amount": -2298350}, {"amount": -2199275}]})
    add("z", [f"{gen.capitalize()} budjetti 2030"], {"status": ["not_found", "clarify"], "forbidYear": 2030})
add("z", ["Joukkoliikenteen palvelujen ostot 2021"], {"status": ["not_found", "clarify"], "forbid": [{"amount": -3287792}]})
add("z", ["IT personnel costs 2021"], {"status": ["not_found", "clarify"], "forbid": [{"amount": -2199275}]})
add("z", ["Vaalien menot 2035"], {"status": ["not_found", "clarify"], "forbidYear": 2035})
add("z", ["Tietohallinnon menot 2017"], {"status": ["not_found", "clarify"], "forbidYear": 2017})

# 16. Bad input: never a crash, never a figure.
BAD = ["", "   ", "🙂🙂🙂", "💸 paljonko?", "'; DROP TABLE facts; --", "SELECT * FROM budget WHERE 1=1", "${process.env.SECRET}", "{{7*7}}", "<script>alert(1)</script>", "asdfghjkl qwerty", "?", "1234567", "x" * 10000, ("menot " * 2000).strip(), "\u0000\u0001\u0002", "%s%s%s%n"]
for q in BAD:
    add("B", [q], {"status": ["not_found", "clarify", "answer"], "forbid": [{"amount": -924370}, {"amount": -1488900}]})

# 17. More of every intent, English names, plans, investments, follow-ups that change the measure.
#     Figures checked against the seed lines named in the comments.
check(D1_LINES, 514, -30000)  # Sosiaalihuollon Kanta TA 2020
check(D1_LINES, 540, -15000)  # Tietosuoja TS 2021
check(D1_LINES, 544, -355000, -180000)  # NETTO TA 2020, TS 2022
check(D1_LINES, 524, -210000, -110000)  # Hyvinvointipalvelut yhteensä TA 2020, TS 2021
check(D1_LINES, 468, -1415974)  # Tietohallinto NETTOMENO TP 2019
check(D1_LINES, 332, 28460)  # Vaalit TULOT TP 2019
check(D1_LINES, 488, -6149240)  # YHTEENSÄ MENOT KS 2020
check(D1_LINES, 350, -155288)  # Hallitus MENOT TP 2018
check(D0_LINES, 35, -1980000)  # Henkilöstömenot TS 2024
check(D0_LINES, 37, -2815000)  # Palvelujen ostot TS 2023
check(D0_LINES, 111, -6330000)  # TOIMINTAKATE/JÄÄMÄ TA/KS+muutos 2022
IT_TOT, IT_B22 = fig("Tietohallinto", "MENOT", 2022, -924370), fig("Tietohallinto", "MENOT", 2022, -1488900)
JL_TOT, JL_B22 = fig("Joukkoliikenne", "MENOT", 2022, -183164), fig("Joukkoliikenne", "MENOT", 2022, -347400)
MORE = [
    (["How much budget does IT have left?"], answer(IT_TOT, IT_B22, mentionsNumber=564530)),
    (["Will public transport stay within budget?"], answer(JL_TOT, JL_B22)),
    (["what is the forecast for IT?"], answer(IT_TOT, IT_B22)),
    (["Tietohallinnon menot 2022 ja ennuste"], answer(IT_TOT, IT_B22)),
    (["compare IT and public transport 2021"], answer(fig("Tietohallinto", "MENOT", 2021, -1577137), fig("Joukkoliikenne", "MENOT", 2021, -338529))),
    (["Vertaa Kuntaliiton ja Lapin liiton menoja 2021"], answer(fig("Kuntaliitto", "MENOT", 2021, -30730), fig("Lapin liitto", "MENOT", 2021, -98507))),
    (["Tietohallinnon menot 2020 ja 2021"], answer(fig("Tietohallinto", "MENOT", 2020, -1477909), fig("Tietohallinto", "MENOT", 2021, -1577137))),
    (["Which cost centres spent the most in 2021?"], {"status": "answer", "rankFirstAny": [fig("Tietohallinto", "MENOT", 2021, -1577137)], "rankSecond": fig("Kaupunginhallitus", "MENOT", 2021, -1067560)}),
    (["Top 3 kustannuspaikkaa menoissa 2021"], {"status": "answer", "rankFirstAny": [fig("Tietohallinto", "MENOT", 2021, -1577137)], "rankSecond": fig("Kaupunginhallitus", "MENOT", 2021, -1067560)}),
    # "tuotot" alone is left out: DOMAIN.md reads it as income types, people often mean cost centres' revenue.
    (["Suurimmat tuottolajit 2021"], {"status": "answer", "rankFirstAny": [fig(SA, "Muut toimintatuotot", 2021, 446488)], "rankSecond": fig(SA, "Myyntituotot", 2021, 260317)}),
    (["Suurimmat menolajit 30.6.2022"], {"status": "answer", "rankFirstAny": [fig(SA, "Palvelujen ostot", 2022, -1872999)], "rankSecond": fig(SA, "Henkilöstökulut", 2022, -1230385)}),
    (["Pienimmät menot 2021"], {"status": "answer", "rankFirstAny": [fig("Suhdetoiminta", "MENOT", 2021, -602)], "rankSecond": fig("Henkilöstön lomaosake", "MENOT", 2021, -4041)}),
    (["Which expense types were biggest in 2021?"], {"status": "answer", "rankFirstAny": [fig(SA, "Palvelujen ostot", 2021, -3287792)], "rankSecond": fig(SA, "Henkilöstökulut", 2021, -2199275)}),
    (["Which cost centres were over budget in 2021?"], answer(fig("Tietohallinto", "MENOT", 2021, -1577137), fig("Tietohallinto", "MENOT", 2021, -1436020))),
    (["What are the goals?"], {"status": "answer", "mentions": ["tavoitteet"]}),
    (["Mitä talouden sopeuttamisohjelmassa on tehty?"], {"status": "answer", "mentions": ["5. Talouden sopeuttamisohjelma"]}),
    (["permanent posts 2021"], answer(fig(SA, "Vakinaiset virat ja toimet 31.12.", 2021, 38))),
    (["Henkilöstömenot 2024"], answer(fig(SA, "Henkilöstömenot", 2024, -1980000))),
    (["Palvelujen ostot taloussuunnitelmassa 2023"], answer(fig(SA, "Palvelujen ostot", 2023, -2815000))),
    (["Toimintakate 2022 talousarviossa"], answer(fig(SA, "TOIMINTAKATE", 2022, -6330000))),
    (["Muut toimintatuotot 2020"], answer(fig(SA, "Muut toimintatuotot", 2020, OS["Muut toimintatuotot"][("actual", 2020)]))),
    (["Sosiaalihuollon Kanta investointi 2020"], answer({"acc": "Sosiaalihuollon Kanta", "year": 2020, "amount": -30000})),
    (["Tietosuoja investoinnit 2021"], answer({"acc": "Tietosuoja", "year": 2021, "amount": -15000})),
    (["Hyvinvointipalveluiden investoinnit 2021"], answer(fig("Hyvinvointipalvelut", "", 2021, -110000))),
    (["Määrärahat 2022 menot"], answer(fig(SA, "MENOT", 2022, -7222750))),
    (["Palvelualueen budjetti 2020"], {"status": "answer", "figuresAny": [[fig(SA, "MENOT", 2020, -6149240)], [fig(SA, "NETTOMENO", 2020, -5469000)]]}),
    (["Paljonko palvelualueen menoista on käytetty?"], answer(fig(SA, "MENOT", 2022, -3912901), fig(SA, "MENOT", 2022, -7222750))),
    (["Tietohallinnon menot 2021", "entä budjetti?"], answer(fig("Tietohallinto", "MENOT", 2021, -1436020))),
    (["Tietohallinnon menot 2021", "entä Joukkoliikenteen?"], answer(fig("Joukkoliikenne", "MENOT", 2021, -338529))),
    (["Tietohallinnon menot viime vuonna"], answer(fig("Tietohallinto", "MENOT", 2021, -1577137))),
    (["Joukkoliikenteen menot tänä vuonna"], answer(JL_TOT)),
    (["paljonko Tietohallinto on käyttänyt?", "entä Joukkoliikenne?"], answer(JL_TOT, JL_B22)),
    (["elections budget 2022", "and the actual so far?"], answer(fig("Vaalit", "MENOT", 2022, -18507))),
    (["Joukkoliikenteen tulojen kehitys"], answer(fig("Joukkoliikenne", "TULOT", 2018, 80678), fig("Joukkoliikenne", "TULOT", 2021, 76255))),
    (["Tietohallinnon nettomenot 2019"], answer(fig("Tietohallinto", "NETTOMENO", 2019, -1415974))),
    (["Vaalien tulot 2019"], answer(fig("Vaalit", "TULOT", 2019, 28460))),
    (["Talouspalveluiden tulot 2018"], answer(fig("Talouspalvelut", "TULOT", 2018, 82820))),
    (["Kemijärvi 150 menot 2021"], answer(fig("Kemijärvi 150", "MENOT", 2021, CC["Kemijärvi 150"]["MENOT"][("actual", 2021)]))),
    (["Yksinyrittäjän avustus 2020"], answer(fig("Yksinyrittäjän avustus", "MENOT", 2020, CC["Yksinyrittäjän avustus"]["MENOT"][("actual", 2020)]))),
    (["Lapin liiton jäsenmaksu 2021"], answer(fig("Lapin liitto", "MENOT", 2021, -98507))),
    (["What is the net cost of finance in 2021?"], answer(fig("Talouspalvelut", "NETTOMENO", 2021, CC["Talouspalvelut"]["NETTOMENO"][("actual", 2021)]))),
    (["HR revenue 2021"], answer(fig("Henkilöstöpalvelut", "TULOT", 2021, 26864))),
    (["occupational health expenses so far"], answer(fig("Työterveyshuolto", "MENOT", 2022, -211572))),
    (["employment services budget 2022"], {"status": "answer", "figuresAny": [[fig("Työllisyydenhoito", "MENOT", 2022, -365290)], [fig("Työllisyydenhoito", "NETTOMENO", 2022, -265290)]]}),
    (["audit expenses 2019"], answer(fig("Tilintarkastus", "MENOT", 2019, -15829))),
    (["city board expenses 2018"], answer(fig("Kaupunginhallitus", "MENOT", 2018, -155288))),
    (["How much has the city council spent this year?"], answer(fig("Kaupunginvaltuusto", "MENOT", 2022, -78496))),
    (["liiton budjetti 2022"], {"status": ["clarify", "answer"]}),
    (["Kuntaliiton tulot 2035"], {"status": ["not_found", "clarify"], "forbidYear": 2035}),
    (["Tietohallinnon vuokrat"], {"status": ["not_found", "clarify"], "forbid": [{"amount": -561519}, {"amount": -605890}, {"amount": -304755}]}),
    (["tilaa hälytykset"], {"status": "answer", "intent": "subscribe"}),
    (["näytä tilaukset"], {"status": "answer", "intent": "listSubscriptions"}),
    (["lopeta hälytykset"], {"status": "answer", "intent": "unsubscribe"}),
    (["hi"], {"status": "answer", "intent": "greeting"}),
    (["Onko Joukkoliikenne ylittämässä budjettinsa?"], {**answer(JL_TOT, JL_B22), "intent": "forecast"}),
    (["Mikä oli Joukkoliikenteen talousarvio 2020?"], answer(fig("Joukkoliikenne", "MENOT", 2020, KS2020_MENOT["Joukkoliikenne"][1]))),
    (["Paljonko Itä-Lapin Ky:lle maksettiin 2019?"], answer(fig("Itä-Lapin kuntayhtymä", "MENOT", 2019, MENOT_001["Itä-Lapin kuntayhtymä"][2]))),
    (["Kuinka paljon Vaalit ovat saaneet tuloja tänä vuonna?"], answer(fig("Vaalit", "TULOT", 2022, CC["Vaalit"]["TULOT"][("tot", 2022)]))),
    (["Kaupunginhallituksen menot 2019 ja 2020"], answer(fig("Kaupunginhallitus", "MENOT", 2019, MENOT_001["Kaupunginhallitus"][2]), fig("Kaupunginhallitus", "MENOT", 2020, CC["Kaupunginhallitus"]["MENOT"][("actual", 2020)]))),
    (["Paljonko rahaa on vielä käytettävissä Talouspalveluilla?"], answer(fig("Talouspalvelut", "MENOT", 2022, -236277), fig("Talouspalvelut", "MENOT", 2022, -509970), mentionsNumber=273693)),
]
VA_TOT, VA_B22 = fig("Vaalit", "MENOT", 2022, CC["Vaalit"]["MENOT"][("tot", 2022)]), fig("Vaalit", "MENOT", 2022, CC["Vaalit"]["MENOT"][("budget", 2022)])
MORE += [
    (["What about elections in 2021?"], answer(fig("Vaalit", "MENOT", 2021, CC["Vaalit"]["MENOT"][("actual", 2021)]))),
    (["public transport expenses 2021", "what about audit?"], answer(fig("Tilintarkastus", "MENOT", 2021, CC["Tilintarkastus"]["MENOT"][("actual", 2021)]))),
    (["public transport expenses 2021", "and the budget?"], answer(fig("Joukkoliikenne", "MENOT", 2021, CC["Joukkoliikenne"]["MENOT"][("budget", 2021)]))),
    (["Tietohallinnon menot kesäkuun loppuun"], answer(IT_TOT)),
    (["Joukkoliikenteen menot 1.1.-30.6.2022"], answer(JL_TOT)),
    (["paljonko tietohallinnolla on rahaa jäljellä"], {**answer(IT_TOT, IT_B22, mentionsNumber=564530), "intent": "remaining"}),
    (["finance department revenue so far"], answer(fig("Talouspalvelut", "TULOT", 2022, CC["Talouspalvelut"]["TULOT"][("tot", 2022)]))),
    (["How much did the city board spend last year?"], answer(fig("Kaupunginhallitus", "MENOT", 2021, CC["Kaupunginhallitus"]["MENOT"][("actual", 2021)]))),
    (["Tietohallinto 2021"], answer(fig("Tietohallinto", "MENOT", 2021, CC["Tietohallinto"]["MENOT"][("actual", 2021)]))),
    (["Tietohallinto"], answer(IT_TOT, IT_B22)),
    # No subject named: asked back which cost centre (or the whole area); the picks are at the end.
    (["menot 2021"], {"status": "clarify"}),
    (["budjetti"], {"status": "clarify"}),
    (["joukkoliikenne vs tietohallinto menot 2020"], {**answer(fig("Joukkoliikenne", "MENOT", 2020, -340825), fig("Tietohallinto", "MENOT", 2020, -1477909)), "intent": "compare"}),
    (["IT spending 2019 vs 2020"], {**answer(fig("Tietohallinto", "MENOT", 2019, -1415975), fig("Tietohallinto", "MENOT", 2020, -1477909)), "intent": "compare"}),
    (["Mitkä kustannuspaikat ovat edellä tahtia?"], {**answer(VA_TOT, VA_B22), "intent": "overBudget"}),
    (["Paljonko Vaalit on käyttänyt budjetistaan?"], answer(VA_TOT, VA_B22)),
    (["how much is left for elections?"], {**answer(VA_TOT, VA_B22), "intent": "remaining"}),
    (["Investoinnit 2020"], answer({"acc": "NETTO", "year": 2020, "amount": -355000})),
    (["investoinnit yhteensä 2022"], answer({"acc": "NETTO", "year": 2022, "amount": -180000})),
    (["Tietohallinnon nettomenot tähän mennessä verrattuna budjettiin"], answer(fig("Tietohallinto", "NETTOMENO", 2022, -889767), fig("Tietohallinto", "NETTOMENO", 2022, -1410550))),
    # The pick after a question back for the subject (x516, x517) answers the question for it.
    (["menot 2021", SA], answer(fig(SA, "MENOT", 2021, -6554890))),
    (["budjetti", SA], {"status": "answer", "figuresAny": [[fig(SA, "MENOT", 2022, -7222750)], [fig(SA, "NETTOMENO", 2022, -6330000)]]}),
    (["menot 2021", "Vaalit"], answer(fig("Vaalit", "MENOT", 2021, -39765))),
]
for turns, expect in MORE:
    add("x" if len(turns) == 1 else "f", turns, expect)

# The intent is checked too where a section asks for one (an extension of the public format:
# test/questions/score-answer.ts checks it, check_questions.py ignores it).
INTENT_BY_TAG = {"j": "remaining", "v": "budgetVsActual", "c": "compare", "g": "trend", "q": "ranking", "u": "overBudget", "w": "prose", "F": "forecast"}
for q in OUT:
    intent = INTENT_BY_TAG.get(q["id"][0])
    if intent and q["expect"]["status"] == "answer":
        q["expect"].setdefault("intent", intent)

path = ROOT / "test" / "questions" / "questions.jsonl"
with open(path, "w", encoding="utf-8") as f:
    for q in OUT:
        f.write(json.dumps(q, ensure_ascii=False) + "\n")
print(f"wrote {len(OUT)} conversations to {path.relative_to(ROOT)}")
