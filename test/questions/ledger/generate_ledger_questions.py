#!/usr/bin/env python3
"""Writes test/questions/ledger/imported-actuals.jsonl: conversations over a store built from the
seed reports and examples/ledger/*.csv (`npm run ingest -- seeds/*.txt examples/ledger/*.csv`).

Every expected figure is read from the files themselves, never from the bot, and carries its
source ("src": "actuals-2022-09.csv:46" or "000_d3382b3632755c54.txt:196"): the ledger CSVs row
by row, the half-year report's cost-centre table line by line. Month figures, projections and
shares are computed here from those lines with the formulas of DOMAIN.md, and written as the
expected derived values. test/ledger-questions.test.ts checks each src again and scores the
answers through `ask` and through /api/messages.
Run from the project root:  python3 test/questions/ledger/generate_ledger_questions.py
"""
import calendar, json, re
from datetime import date
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LEDGER = ROOT / "examples" / "ledger"
D0 = ROOT / "seeds" / "000_d3382b3632755c54.txt"
SA = "Hallinto- ja tukipalvelut"
# The 2021 ledger spells three names as the older documents do; answers use today's names.
OLD_NAMES = {"Valtuusto": "Kaupunginvaltuusto", "Hallitus": "Kaupunginhallitus", "Itä-Lapin Ky": "Itä-Lapin kuntayhtymä"}


def read_ledgers():
    """(cost centre, account, as_of) -> (amount, "file:line"), names made canonical."""
    out = {}
    for f in sorted(LEDGER.glob("actuals-*.csv")):
        for i, line in enumerate(f.read_text(encoding="utf-8").split("\n"), start=1):
            if i == 1 or not line.strip():
                continue
            cc, acc, as_of, amount = line.split(";")
            out[(OLD_NAMES.get(cc, cc), acc, as_of)] = (int(amount), f"{f.name}:{i}")
    return out


def read_report():
    """cost centre -> account -> {"TP2021", "TA2022", "TOT2022": (amount, "file:line")} of 000's cost-centre table."""
    def num(cell):
        cell = re.sub(r"</?b>", "", cell).replace(" ", "").replace("\u00a0", "")
        return int(cell) if re.fullmatch(r"-?\d+", cell) else None
    table, cc = {}, None
    for i, raw in enumerate(D0.read_text(encoding="utf-8").split("\n"), start=1):
        if i < 117:
            continue
        cells = raw.split("\t")
        head = re.sub(r"</?b>", "", cells[0]).strip()
        if head in ("MENOT", "TULOT", "NETTOMENO") and cc:
            vals = [num(c) for c in cells[1:6]]
            src = f"{D0.name}:{i}"
            table.setdefault(SA if cc == "YHTEENSÄ" else cc, {})[head] = {
                "TP2021": (vals[2], src), "TA2022": (vals[3], src), "TOT2022": (vals[4], src)}
        elif head and all(c.strip() == "" for c in cells[1:]):
            cc = head
    return table


L = read_ledgers()
R = read_report()


def ytd(cc, acc, as_of):
    """The year-to-date actual at a date: the ledger's, else the report's TOT 30.6.2022."""
    if (cc, acc, as_of) in L:
        return L[(cc, acc, as_of)]
    if as_of == "2022-06-30":
        return R[cc][acc]["TOT2022"]
    raise KeyError((cc, acc, as_of))


def month_end(y, m):
    return f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def fig(cc, acc, year, value, as_of=None):
    amount, src = value
    f = {"cc": cc, "acc": acc, "year": year, "amount": amount, "src": src}
    if as_of:
        f["asOf"] = as_of
    return f


def dec(x, places=0):
    q = Decimal(1).scaleb(-places)
    d = Decimal(x).quantize(q, rounding=ROUND_HALF_UP)
    return "0" if d == 0 else format(d, "f")


cases = []


def case(turns, expect):
    cases.append({"id": f"la{len(cases) + 1:02d}", "turns": turns, "expect": expect})


FI_IN = ["tammikuussa", "helmikuussa", "maaliskuussa", "huhtikuussa", "toukokuussa", "kesäkuussa",
         "heinäkuussa", "elokuussa", "syyskuussa", "lokakuussa", "marraskuussa", "joulukuussa"]
FI_END = ["tammikuun", "helmikuun", "maaliskuun", "huhtikuun", "toukokuun", "kesäkuun",
          "heinäkuun", "elokuun", "syyskuun", "lokakuun", "marraskuun", "joulukuun"]
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"]
GEN = {"Tietohallinto": "Tietohallinnon", "Joukkoliikenne": "Joukkoliikenteen", "Vaalit": "Vaalien",
       "Kaupunginhallitus": "Kaupunginhallituksen", "Talouspalvelut": "Talouspalvelujen",
       "Hallintopalvelut": "Hallintopalvelujen", "Opiskelijoiden kesätyö": "Opiskelijoiden kesätyön",
       "Kuntaliitto": "Kuntaliiton", "Kaupunginvaltuusto": "Kaupunginvaltuuston", "Johtaminen": "Johtamisen",
       "Työterveyshuolto": "Työterveyshuollon", SA: "Hallinto- ja tukipalvelujen", "Valtuusto": "Valtuuston"}
EN_NAME = {"Tietohallinto": "IT", "Joukkoliikenne": "public transport", "Vaalit": "elections"}

# A. The newest actual of the year (the ledger's 31.12.2022) beside the year's budget.
NEWEST = "2022-12-31"
for cc in ["Tietohallinto", "Joukkoliikenne", "Vaalit", "Kaupunginhallitus", "Hallintopalvelut",
           "Opiskelijoiden kesätyö", "Työterveyshuolto", SA]:
    case([f"paljonko {cc} on käyttänyt?"], {"status": "answer", "figures": [
        fig(cc, "MENOT", 2022, ytd(cc, "MENOT", NEWEST), NEWEST), fig(cc, "MENOT", 2022, R[cc]["MENOT"]["TA2022"])],
        "forbid": [{"amount": R[cc]["MENOT"]["TOT2022"][0]}]})
for cc in ["Tietohallinto", "Joukkoliikenne", "Vaalit"]:
    case([f"How much has {EN_NAME[cc]} spent so far?"], {"status": "answer", "figures": [
        fig(cc, "MENOT", 2022, ytd(cc, "MENOT", NEWEST), NEWEST)]})
case(["Talouspalvelujen tulot tähän mennessä"], {"status": "answer", "figures": [
    fig("Talouspalvelut", "TULOT", 2022, ytd("Talouspalvelut", "TULOT", NEWEST), NEWEST)]})
case(["Tietohallinnon nettomenot tänä vuonna"], {"status": "answer", "figures": [
    fig("Tietohallinto", "NETTOMENO", 2022, ytd("Tietohallinto", "NETTOMENO", NEWEST), NEWEST)]})

# B. Year-to-date figures at dates the ledgers (and the report) have.
for cc, d in [("Tietohallinto", "30.9.2022"), ("Joukkoliikenne", "31.10.2022"), ("Vaalit", "31.7.2022"),
              ("Kaupunginhallitus", "30.6.2022"), ("Tietohallinto", "31.3.2021"), ("Talouspalvelut", "30.11.2021")]:
    dd, mm, yy = (int(x) for x in d.split("."))
    iso = f"{yy}-{mm:02d}-{dd:02d}"
    case([f"{GEN[cc]} toteuma {d}"], {"status": "answer", "figures": [fig(cc, "MENOT", yy, ytd(cc, "MENOT", iso), iso)]})
for cc, m, y in [("Tietohallinto", 9, 2022), ("Joukkoliikenne", 5, 2021), ("Hallintopalvelut", 8, 2022)]:
    iso = month_end(y, m)
    case([f"{GEN[cc]} menot {FI_END[m - 1]} loppuun mennessä {y}"], {"status": "answer", "figures": [
        fig(cc, "MENOT", y, ytd(cc, "MENOT", iso), iso)]})
case(["How much had IT spent by the end of October 2022?"], {"status": "answer", "figures": [
    fig("Tietohallinto", "MENOT", 2022, ytd("Tietohallinto", "MENOT", "2022-10-31"), "2022-10-31")]})
# The older name of the 2021 ledger finds today's cost centre.
case(["Valtuuston toteuma 30.4.2021"], {"status": "answer", "figures": [
    fig("Kaupunginvaltuusto", "MENOT", 2021, ytd("Kaupunginvaltuusto", "MENOT", "2021-04-30"), "2021-04-30")]})


# C. A month's figure: the difference of two year-to-date figures.
def month_case(turns, cc, y, m, acc="MENOT"):
    end = ytd(cc, acc, month_end(y, m))
    figures = [fig(cc, acc, y, end, month_end(y, m))]
    amount = end[0]
    if m > 1:
        start = ytd(cc, acc, month_end(y, m - 1))
        figures.append(fig(cc, acc, y, start, month_end(y, m - 1)))
        amount -= start[0]
    case(turns, {"status": "answer", "intent": turns and None or None, "figures": figures,
                 "derived": {"monthAmount": dec(amount, 2) if amount % 1 else str(amount)}})
    del cases[-1]["expect"]["intent"]


for cc, m, y in [("Tietohallinto", 7, 2022), ("Tietohallinto", 12, 2022), ("Joukkoliikenne", 8, 2022),
                 ("Vaalit", 6, 2021), ("Vaalit", 5, 2021), ("Opiskelijoiden kesätyö", 7, 2022),
                 ("Kuntaliitto", 8, 2022), ("Kaupunginhallitus", 3, 2021), (SA, 12, 2021)]:
    month_case([f"{GEN[cc]} menot {FI_IN[m - 1]} {y}"], cc, y, m)
month_case(["Tietohallinnon menot tammikuussa 2021"], "Tietohallinto", 2021, 1)
month_case(["How much did IT spend in August 2022?"], "Tietohallinto", 2022, 8)
month_case(["Talouspalvelujen tulot joulukuussa 2021"], "Talouspalvelut", 2021, 12, "TULOT")
month_case(["Valtuuston menot lokakuussa 2021"], "Kaupunginvaltuusto", 2021, 10)
# Follow-ups: another month, the same month of another year.
month_case(["Tietohallinnon menot heinäkuussa 2022", "entä elokuussa?"], "Tietohallinto", 2022, 8)
month_case(["Joukkoliikenteen menot syyskuussa 2022", "entä 2021?"], "Joukkoliikenne", 2021, 9)
month_case(["Vaalien menot toukokuussa 2021", "entä Tietohallinto?"], "Tietohallinto", 2021, 5)

# D. Month by month: the year-to-date figures at month ends and each month's own.
for cc, y in [("Tietohallinto", 2021), ("Vaalit", 2021), ("Opiskelijoiden kesätyö", 2022), ("Joukkoliikenne", 2022)]:
    months = range(1, 13) if y == 2021 else range(6, 13)
    figures = [fig(cc, "MENOT", y, ytd(cc, "MENOT", month_end(y, m)), month_end(y, m)) for m in months]
    derived = {}
    for m in months:
        if m == 1:
            derived["month1"] = str(ytd(cc, "MENOT", month_end(y, 1))[0])
        elif m > months[0]:
            derived[f"month{m}"] = str(ytd(cc, "MENOT", month_end(y, m))[0] - ytd(cc, "MENOT", month_end(y, m - 1))[0])
    case([f"{GEN[cc]} menot kuukausittain {y}"], {"status": "answer", "intent": "trend", "figures": figures,
                                                 "derived": derived})
case(["IT spending by month 2021"], {"status": "answer", "intent": "trend", "figures": [
    fig("Tietohallinto", "MENOT", 2021, ytd("Tietohallinto", "MENOT", month_end(2021, m)), month_end(2021, m))
    for m in (1, 6, 12)]})

# E. A date or month the data has no figure for: said so, never another date's figure.
def forbid_all(cc, year):
    return [{"amount": v[0]} for (c, a, d), v in L.items() if c == cc and a == "MENOT" and d.startswith(str(year))] + (
        [{"amount": R[cc]["MENOT"]["TOT2022"][0]}] if year == 2022 else [])


for turns, cc, y in [(["Tietohallinnon toteuma 31.3.2022"], "Tietohallinto", 2022),
                     (["Tietohallinnon menot maaliskuussa 2022"], "Tietohallinto", 2022),
                     (["Joukkoliikenteen toteuma 15.9.2022"], "Joukkoliikenne", 2022),
                     (["Vaalien menot huhtikuun loppuun mennessä 2022"], "Vaalit", 2022),
                     (["How much did IT spend in February 2022?"], "Tietohallinto", 2022),
                     (["Tietohallinnon toteuma 15.3.2021"], "Tietohallinto", 2021)]:
    case(turns, {"status": "not_found", "forbid": forbid_all(cc, y)})


# F. Projections at a date of the open year: linear, and seasonal after 2021's months.
def projection_case(turns, cc, as_of, seasonal=True):
    y, m, d = (int(x) for x in as_of.split("-"))
    now = ytd(cc, "MENOT", as_of)
    day = (date(y, m, d) - date(y, 1, 1)).days + 1
    derived = {"projection": dec(Decimal(now[0]) / (Decimal(day) / Decimal(365)))}
    figures = [fig(cc, "MENOT", 2022, now, as_of), fig(cc, "MENOT", 2022, R[cc]["MENOT"]["TA2022"])]
    if seasonal:
        last_to_date = ytd(cc, "MENOT", f"2021-{m:02d}-{d:02d}")
        last_total = R[cc]["MENOT"]["TP2021"]
        share = Decimal(last_to_date[0]) / Decimal(last_total[0])
        derived["seasonalProjection"] = dec(Decimal(now[0]) / share)
        derived["seasonalShare"] = dec(share, 4)
        figures += [fig(cc, "MENOT", 2021, last_to_date, f"2021-{m:02d}-{d:02d}"), fig(cc, "MENOT", 2021, last_total)]
    case(turns, {"status": "answer", "figures": figures, "derived": derived})


projection_case(["ylittyykö Tietohallinnon budjetti 30.9.2022?"], "Tietohallinto", "2022-09-30")
projection_case(["Joukkoliikenteen ennuste 31.7.2022"], "Joukkoliikenne", "2022-07-31")
projection_case(["riittääkö Kaupunginhallituksen budjetti? toteuma 31.8.2022"], "Kaupunginhallitus", "2022-08-31")
projection_case(["Will IT stay within budget? actual 31.10.2022"], "Tietohallinto", "2022-10-31")
projection_case(["Hallintopalvelujen ennuste 30.11.2022"], "Hallintopalvelut", "2022-11-30")
# Summer jobs began in 2022: no 2021 months, so only the linear estimate.
projection_case(["Opiskelijoiden kesätyön ennuste 31.8.2022"], "Opiskelijoiden kesätyö", "2022-08-31", seasonal=False)

# G. Rankings, lists and comparisons at the ledger's newest date.
newest_menot = sorted(((v[0], c, v) for (c, a, d), v in L.items() if a == "MENOT" and d == NEWEST and c != SA))
top = newest_menot[0]
case(["suurimmat menot"], {"status": "answer", "rankFirstAny": [fig(top[1], "MENOT", 2022, top[2], NEWEST)],
                           "rankSecond": fig(newest_menot[1][1], "MENOT", 2022, newest_menot[1][2], NEWEST)})
case(["mihin on kulunut eniten rahaa tänä vuonna?"], {"status": "answer",
                                                     "rankFirstAny": [fig(top[1], "MENOT", 2022, top[2], NEWEST)]})
case(["Tietohallinto vs Vaalit 2022"], {"status": "answer", "figures": [
    fig("Tietohallinto", "MENOT", 2022, ytd("Tietohallinto", "MENOT", NEWEST), NEWEST),
    fig("Vaalit", "MENOT", 2022, ytd("Vaalit", "MENOT", NEWEST), NEWEST)]})
over = [(c, v) for (c, a, d), v in L.items() if a == "MENOT" and d == NEWEST and c != SA
        and v[0] < R[c]["MENOT"]["TA2022"][0]]
worst = min(over, key=lambda cv: cv[1][0] - R[cv[0]]["MENOT"]["TA2022"][0])
case(["mitkä ovat ylittäneet budjetin?"], {"status": "answer", "figures": [
    fig(worst[0], "MENOT", 2022, worst[1], NEWEST), fig(worst[0], "MENOT", 2022, R[worst[0]]["MENOT"]["TA2022"])]})

# I. Comparisons like with like: a date of 2022 against the same date of 2021 from last year's
#    ledger; the ledger's 31.12. is a whole year, compared with the year before's TP.
for cc, d in [("Tietohallinto", "2022-09-30"), ("Joukkoliikenne", "2022-07-31")]:
    y, m, dd = (int(x) for x in d.split("-"))
    before = f"2021-{m:02d}-{dd:02d}"
    case([f"{GEN[cc]} menot {dd}.{m}.2022 verrattuna edelliseen vuoteen"], {"status": "answer", "figures": [
        fig(cc, "MENOT", 2021, ytd(cc, "MENOT", before), before), fig(cc, "MENOT", 2022, ytd(cc, "MENOT", d), d)],
        "forbid": [{"amount": R[cc]["MENOT"]["TP2021"][0]}]})
case(["vertaa Tietohallinnon menoja 2021 ja 2022"], {"status": "answer", "figures": [
    fig("Tietohallinto", "MENOT", 2021, R["Tietohallinto"]["MENOT"]["TP2021"]),
    fig("Tietohallinto", "MENOT", 2022, ytd("Tietohallinto", "MENOT", NEWEST), NEWEST)]})

# H. The trend over the years ends with the ledger's year.
case(["Tietohallinnon kehitys"], {"status": "answer", "intent": "trend", "figures": [
    fig("Tietohallinto", "MENOT", 2021, R["Tietohallinto"]["MENOT"]["TP2021"]),
    fig("Tietohallinto", "MENOT", 2022, ytd("Tietohallinto", "MENOT", NEWEST), NEWEST)]})


# J. Spans of months: YTD at the last month's end less YTD at the end of the month before the
#    first (from January: the year to date itself); a span whose start has no figure is not found.
def span_case(turns, cc, y, first, last, acc="MENOT"):
    end = ytd(cc, acc, month_end(y, last))
    start = ytd(cc, acc, month_end(y, first - 1))
    case(turns, {"status": "answer", "figures": [
        fig(cc, acc, y, end, month_end(y, last)), fig(cc, acc, y, start, month_end(y, first - 1))],
        "derived": {"monthAmount": str(end[0] - start[0]), "fromMonth": str(first)}})


span_case(["Tietohallinnon menot Q3 2022"], "Tietohallinto", 2022, 7, 9)
span_case(["Joukkoliikenteen menot heinäkuusta syyskuuhun 2022"], "Joukkoliikenne", 2022, 7, 9)
span_case(["How much did public transport spend in July–September 2022?"], "Joukkoliikenne", 2022, 7, 9)
span_case(["Tietohallinnon menot toisella vuosipuoliskolla 2022"], "Tietohallinto", 2022, 7, 12)
span_case(["Vaalien menot huhti–kesäkuussa 2021"], "Vaalit", 2021, 4, 6)
span_case(["Kaupunginhallituksen menot kesä-, heinä- ja elokuussa 2021 yhteensä"], "Kaupunginhallitus", 2021, 6, 8)
span_case(["IT expenses in the second quarter of 2021"], "Tietohallinto", 2021, 4, 6)
span_case(["Tietohallinnon menot heinä–syyskuussa 2022", "entä 2021?"], "Tietohallinto", 2021, 7, 9)
case(["Tietohallinnon menot tammi–syyskuussa 2022"], {"status": "answer", "figures": [
    fig("Tietohallinto", "MENOT", 2022, ytd("Tietohallinto", "MENOT", "2022-09-30"), "2022-09-30")]})
case(["Tietohallinnon menot huhti–kesäkuussa 2022"], {"status": "not_found", "forbid": forbid_all("Tietohallinto", 2022)})

# K. Follow-ups that move the conversation's date: a year counted from the date asked, the same
#    point of another year, the year's end, a month of the year talked about.
def at_date(cc, as_of, acc="MENOT"):
    return fig(cc, acc, int(as_of[:4]), ytd(cc, acc, as_of), as_of)


case(["Joukkoliikenteen toteuma 30.9.2022", "entä vuotta aiemmin?"], {"status": "answer", "figures": [
    at_date("Joukkoliikenne", "2021-09-30")], "forbid": [{"amount": R["Joukkoliikenne"]["MENOT"]["TP2021"][0]}]})
case(["How much had IT spent by the end of October 2022?", "and a year earlier?"], {"status": "answer", "figures": [
    at_date("Tietohallinto", "2021-10-31")], "forbid": [{"amount": R["Tietohallinto"]["MENOT"]["TP2021"][0]}]})
case(["Kaupunginhallituksen menot 31.10.2022", "entä samaan aikaan viime vuonna?"], {"status": "answer", "figures": [
    at_date("Kaupunginhallitus", "2021-10-31")]})
case(["Tietohallinnon menot syyskuun loppuun mennessä 2022", "entä vuoden lopussa?"], {"status": "answer",
                                                                                       "figures": [at_date("Tietohallinto", NEWEST)]})
case(["Vaalien toteuma 31.8.2022", "vertaa edelliseen vuoteen"], {"status": "answer", "figures": [
    at_date("Vaalit", "2021-08-31"), at_date("Vaalit", "2022-08-31")],
    "forbid": [{"amount": R["Vaalit"]["MENOT"]["TP2021"][0]}]})
month_case(["Tietohallinnon menot 2021", "entä maaliskuussa?"], "Tietohallinto", 2021, 3)
month_case(["Joukkoliikenteen menot syyskuussa 2022", "entä samassa kuussa vuotta aiemmin?"], "Joukkoliikenne", 2021, 9)
month_case(["Tietohallinnon menot viime vuonna kesäkuussa"], "Tietohallinto", 2021, 6)
case(["Vaalien menot kuukausittain 2021", "entä toukokuun loppuun?"], {"status": "answer", "figures": [
    at_date("Vaalit", "2021-05-31")]})

# L. Dates written with the month's name.
case(["What had IT spent by 30 September 2022?"], {"status": "answer", "figures": [
    at_date("Tietohallinto", "2022-09-30"), fig("Tietohallinto", "MENOT", 2022, R["Tietohallinto"]["MENOT"]["TA2022"])]})
case(["Joukkoliikenteen toteuma 31. lokakuuta 2022"], {"status": "answer", "figures": [
    at_date("Joukkoliikenne", "2022-10-31")]})
case(["Tietohallinnon menot 15. syyskuuta 2022"], {"status": "not_found", "forbid": forbid_all("Tietohallinto", 2022)})
case(["IT expenses on the 15th of September 2022"], {"status": "not_found", "forbid": forbid_all("Tietohallinto", 2022)})

# M. Lists at a date no row has a figure at say so; at a date every row has, the list is at it.
ALL_2022 = [{"amount": v[0]} for (c, a, d), v in L.items() if a == "MENOT" and d.startswith("2022") and c != SA]
case(["Which cost centres were over budget at the end of March 2022?"], {"status": "not_found", "forbid": ALL_2022})
case(["suurimmat menot maaliskuun lopussa 2022"], {"status": "not_found", "forbid": ALL_2022})
SEPT = "2022-09-30"
over_sept = [(c, v) for (c, a, d), v in L.items() if a == "MENOT" and d == SEPT and c != SA
             and v[0] < R[c]["MENOT"]["TA2022"][0]]
worst_sept = min(over_sept, key=lambda cv: cv[1][0] - R[cv[0]]["MENOT"]["TA2022"][0])
case(["Mitkä kustannuspaikat olivat ylittäneet budjettinsa 30.9.2022?"], {"status": "answer", "figures": [
    fig(worst_sept[0], "MENOT", 2022, worst_sept[1], SEPT),
    fig(worst_sept[0], "MENOT", 2022, R[worst_sept[0]]["MENOT"]["TA2022"])]})

out = ROOT / "test" / "questions" / "ledger" / "imported-actuals.jsonl"
out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
print(f"wrote {len(cases)} conversations to {out.relative_to(ROOT)}")
