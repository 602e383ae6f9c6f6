import { describe, expect, it } from 'vitest';
import { answerCardKind, renderAnswerCard } from '../src/cards';
import { cardContextOf } from '../src/cards/card-context';
import { AnswerSchema } from '../src/domain';
import { leadSentence } from '../src/domain/lead-sentence';
import { answerFixture, cardActions, cardStrings, cardText } from './card-fixtures';

/** The seeds' documents as the store lists them. */
const DOCUMENTS = [
  {
    name: '000_d3382b3632755c54.txt',
    title: 'Toteutuma 30.6.2022 - Käyttösuunnitelma 2022',
    serviceArea: 'Hallinto- ja tukipalvelut',
  },
  {
    name: '001_a49d1ed256dc6eed.txt',
    title: 'PALVELUALUE:HALLINTO- JA TUKIPALVELUT',
    serviceArea: 'Hallinto- ja tukipalvelut',
  },
];

const NBSP = '\u00a0';
const fi = (s: string) => s.replace(/ /g, NBSP);

describe('renderAnswerCard: figure card', () => {
  it('should show budget, actual, remaining and shares of Tietohallinto 2022 in Finnish formats', () => {
    const text = cardText(renderAnswerCard(answerFixture('figure.fi')));
    expect(text).toContain('Tietohallinto · menot 2022');
    expect(text).toContain(fi('1 488 900 €'));
    expect(text).toContain(fi('924 370 €'));
    expect(text).toContain('Jäljellä');
    expect(text).toContain(fi('564 530 €'));
    expect(text).toContain(fi('62,1 %'));
    expect(text).toContain(fi('49,6 %'));
  });

  it('should mark the projection as an estimate', () => {
    const text = cardText(renderAnswerCard(answerFixture('figure.fi')));
    expect(text).toContain('Koko vuoden ennuste (arvio)');
    expect(text).toContain(fi('1 864 061 €'));
    expect(text).toContain(`Samalla tahdilla budjetti ylittyisi arviolta ${fi('375 161 €')}.`);
  });

  it('should say how much of the budget would be left when the pace is below the year', () => {
    const text = cardText(renderAnswerCard(answerFixture('figure-longest-name.fi')));
    expect(text).toContain(`Samalla tahdilla budjettia jäisi arviolta ${fi('6 063 €')} käyttämättä.`);
  });

  it('should open with the headline in plain words, codes only in the source line', () => {
    const card = renderAnswerCard(answerFixture('figure.fi'));
    const text = cardText(card);
    const plain = (line: string | undefined) => line?.replace(/\u00a0/g, ' ');
    expect(plain(text.split('\n')[1])).toBe('Käytetty 62,1 % · vuodesta kulunut 49,6 % · jäljellä 564 530 €');
    expect(card.speak).toBe(text.split('\n')[1]);
    expect(text).toContain(`Budjetti 2022\n${fi('1 488 900 €')}`);
    const visible = text.split('\n').filter((line) => !line.includes('rivi '));
    expect(visible.join('\n')).not.toMatch(/\(TOT\)|TA\/KS|\bTOT\b/);
  });

  it('should name the source document by its title, with the columns as printed, behind a "Lähde" toggle', () => {
    const card = renderAnswerCard(answerFixture('figure.fi'), cardContextOf(DOCUMENTS));
    const toggle = cardActions(card).find((a) => a.type === 'Action.ToggleVisibility');
    expect(toggle?.title).toBe('Lähde');
    const hidden = card.body.find((e) => (e as { id?: string }).id === 'sources') as { isVisible: boolean };
    expect(hidden.isVisible).toBe(false);
    expect(cardText(hidden)).toBe(
      'Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, rivi 196 · TOT 30.6.2022, TA/KS+muutos 2022',
    );
    expect(JSON.stringify(card)).not.toContain('000_d3382b3632755c54');
  });

  it('should say the projection caveat once and a benign note quietly', () => {
    const card = renderAnswerCard(answerFixture('figure.fi'));
    const text = cardText(card);
    expect(text.match(/arvio/gi)?.length).toBeLessThanOrEqual(3);
    expect(text).not.toContain('Ennuste on suoraviivainen arvio');
    expect(JSON.stringify(card)).not.toContain('"style":"warning"');
  });

  it('should say spending is ahead of the year and colour it as attention', () => {
    const card = renderAnswerCard(answerFixture('figure.fi'));
    expect(cardText(card)).toContain(`Käyttö on ${fi('12,5 %-yks.')} edellä vuoden kulumista.`);
    expect(JSON.stringify(card)).toContain('"color":"attention"');
  });

  it('should offer trend, previous year and subscribe buttons with the bot action contract', () => {
    const actions = cardActions(renderAnswerCard(answerFixture('figure.fi')));
    expect(actions.filter((a) => a.type === 'Action.Execute').map((a) => a.title)).toEqual([
      'Kehitys vuosittain',
      'Edellinen vuosi (2021)',
      'Tilaa hälytykset',
    ]);
    actions.splice(0, actions.length, ...actions.filter((a) => a.type === 'Action.Execute'));
    expect(actions[1]).toMatchObject({
      type: 'Action.Execute',
      verb: 'ask',
      data: { action: 'ask', ask: 'Tietohallinnon menot 2021' },
    });
    expect(actions[2]).toMatchObject({
      verb: 'subscribe',
      data: { action: 'subscribe', costCentre: 'Tietohallinto' },
    });
  });

  it('should word a closed year overspend in English with the variance', () => {
    const text = cardText(renderAnswerCard(answerFixture('figure.en')));
    expect(text).toContain('€1,577,137');
    expect(text).toContain('€1,436,020');
    expect(text).toContain('Overspent by €141,117.');
    expect(text).toContain(
      'Financial statements 2021 €1,577,137 · budget €1,436,020 · overspent by €141,117',
    );
    expect(text).toContain('Source document, line 196 · TP 2021, TA+muutos 2021');
  });

  it('should count revenue ahead of the year as good news', () => {
    const card = renderAnswerCard(answerFixture('figure-revenue.fi'));
    expect(cardText(card)).toContain(`Tuloja on kertynyt ${fi('0,4 %-yks.')} vuoden kulumista edellä.`);
    expect(cardText(card)).toContain(fi('35 000 €'));
  });

  it('should leave no template binding unexpanded', () => {
    const strings = cardStrings(renderAnswerCard(answerFixture('figure.fi')));
    expect(strings.filter((s) => s.includes('${'))).toEqual([]);
  });
});

describe('renderAnswerCard: other answer kinds', () => {
  it('should rank every cost centre in order with magnitudes and the source lines', () => {
    const card = renderAnswerCard(answerFixture('ranking.fi'));
    const text = cardText(card);
    expect(text.indexOf('Tietohallinto')).toBeLessThan(text.indexOf('Kaupunginhallitus'));
    expect(text).toContain(`1.\nTietohallinto\n${fi('924 370 €')}`);
    expect(text).toContain(`2.\nKaupunginhallitus\n${fi('506 612 €')}`);
    expect(text).toContain('29.');
    expect(text).toContain(`Suurin: Tietohallinto ${fi('924 370 €')}`);
    expect(text).toContain('Lähdeasiakirja, rivit 119–235 · TOT 30.6.2022');
  });

  it("should rank by change with the change, its percent and both years' figures on each row", () => {
    const card = renderAnswerCard(answerFixture('ranking-change.fi'));
    const text = cardText(card);
    expect(answerCardKind(answerFixture('ranking-change.fi'))).toBe('ranking');
    expect(text).toContain('Muutos 2020–2021');
    // Kemijärvi 150 spent nothing in 2020: a change, but no percent of zero.
    expect(text).toContain(`1.\nKemijärvi 150\n${fi('0 €')} → ${fi('175 834 €')}\n${fi('+175 834 €')}`);
    expect(text).toContain(
      `2.\nTietohallinto\n${fi('1 477 909 €')} → ${fi('1 577 137 €')}\n${fi('+99 228 €')} (+6,7${NBSP}%)`,
    );
    expect(text).toContain('Lähdeasiakirja, rivit 119, 131, 188, 196, 208 · TP 2021, TP 2020');
  });

  it('should compare two years with the source-signed difference turned into more spent, and the change in percent', () => {
    const text = cardText(renderAnswerCard(answerFixture('comparison.fi')));
    expect(text).toContain(`Tilinpäätös 2020\n${fi('1 477 909 €')}`);
    expect(text).toContain(`Tilinpäätös 2021\n${fi('1 577 137 €')}`);
    expect(text).toContain(`Erotus (kasvu)\n${fi('+99 228 €')}`);
    expect(text).toContain(`Muutos\n${fi('+6,7 %')}`);
  });

  it('should label each side of a comparison between cost centres in English', () => {
    const text = cardText(renderAnswerCard(answerFixture('comparison.en')));
    expect(text).toContain('Kuntaliitto · Financial statements 2021\n€30,730');
    expect(text).toContain('Lapin liitto · Financial statements 2021\n€98,507');
    expect(text).toContain('Change\n+220.6%');
  });

  it('should draw the trend as a grouped chart with a legend, milj. € on the axis and the open year marked', () => {
    const card = renderAnswerCard(answerFixture('trend.fi'));
    const chart = card.body.find((e) => (e as { type: string }).type === 'Chart.VerticalBar.Grouped') as {
      yAxisTitle: string;
      data: { legend: string; values: { x: string; y: number }[] }[];
      fallback: unknown;
    };
    expect(chart.yAxisTitle).toBe('milj. €');
    expect(chart.data).toEqual([
      {
        legend: 'Toteuma',
        values: [
          { x: '2018', y: 0.229 },
          { x: '2019', y: 0.266 },
          { x: '2020', y: 0.274 },
          { x: '2021', y: 0.262 },
          { x: '2022*', y: 0.148 },
        ],
      },
    ]);
    const table = cardText(chart.fallback);
    expect(table).toContain(`2018\n${fi('228 633 €')}`);
    expect(table).toContain(`2022*\n${fi('148 164 €')}`);
    const text = cardText(card);
    expect(text).toContain('* 2022: toteuma 1.1.–30.6.2022 (osa vuotta).');
    // The part-year caveat once: the answer's own note about it is not repeated.
    expect(text).not.toContain('ei koko vuosi');
    expect(text).toContain('Lähdeasiakirja, rivi 460 · TP 2018, TP 2019');
    expect(text).toContain('Lähdeasiakirja, rivi 194 · TP 2020, TP 2021, TOT 30.6.2022');
  });

  it('should show key figures in their own units, signed as the text says them: expenses as magnitudes, a margin as printed', () => {
    const text = cardText(renderAnswerCard(answerFixture('key-figures.fi')));
    expect(text).toContain('Vakinaiset virat ja toimet 31.12.\nTalousarvio 2022\n35');
    expect(text).toContain(`Henkilöstömenot €\nTalousarvio 2022\n${fi('2 298 350 €')}`);
    expect(text).toContain(`Henkilöstömenot € muutos %\nTalousarvio 2022\n${fi('9,0 %')}`);
    expect(text).toContain(`Toimintakate €/asukas\nTalousarvio 2022\n${fi('−904 €')}/asukas`);
  });

  it('should lay out the investment plan by plan column and mark sums that do not reconcile', () => {
    const text = cardText(renderAnswerCard(answerFixture('investment-plan.fi')));
    expect(text).toContain('Talousarvio 2020\nTaloussuunnitelma 2021\nTaloussuunnitelma 2022');
    expect(text).toContain(`Hoitajakutsujärjestelmä\n${fi('85 000 €')}\n–\n–`);
    expect(text).toContain(`NETTO\n${fi('355 000 €')} *\n${fi('285 000 €')} *\n${fi('180 000 €')} *`);
    expect(text).toContain('Lähteen luvut eivät täsmää');
  });

  it('should quote a prose section with its heading and source line', () => {
    const text = cardText(renderAnswerCard(answerFixture('prose.fi')));
    expect(text).toContain('5. Talouden sopeuttamisohjelma 2020-2022 · Toteutuma 30.6.2022');
    expect(text).toContain('Kaupungin työllisyystilanne on parantunut.');
    expect(text).toContain('Lähdeasiakirja, rivi 69 · 5. Talouden sopeuttamisohjelma 2020-2022');
  });

  it.each([
    ['clarify.fi', ['Kuntaliitto', 'Lapin liitto'], 'Kuntaliitto menot'],
    ['clarify.en', ['Kuntaliitto', 'Lapin liitto'], 'Kuntaliitto expenses'],
    [
      'not-found.fi',
      ['Kaupunginhallitus', 'Kunnallisverotus', 'Tilintarkastus', 'Kaikki kustannuspaikat'],
      'Kaupunginhallitus menot',
    ],
  ])('should turn each option of %s into a button that asks its question', (name, titles, firstAsk) => {
    const card = renderAnswerCard(answerFixture(name));
    const actions = cardActions(card);
    expect(actions.map((a) => a.title)).toEqual(titles);
    expect(actions[0]?.data.ask).toBe(firstAsk);
    expect(JSON.stringify(card)).not.toMatch(/"text":"[^"]*\d[\d\u00a0]* €/); // no figures offered instead
  });

  it('should ask which cost centre with every one in a searchable list whose pick answers the question', () => {
    const answer = answerFixture('clarify-subject.fi');
    const card = renderAnswerCard(answer);
    const text = cardText(card);
    expect(text).toContain('Minkä kustannuspaikan?');
    const json = JSON.stringify(card);
    const choiceSet = JSON.parse(json.match(/\{"type":"Input\.ChoiceSet".*?\]\}/)?.[0] ?? 'null') as {
      id: string;
      style: string;
      value: string;
      choices: { title: string; value: string }[];
    } | null;
    expect(choiceSet?.id).toBe('ask');
    expect(choiceSet?.style).toBe('filtered');
    // The whole area first (and preselected), then every cost centre the answer offers.
    expect(choiceSet?.choices.map((c) => c.value)).toEqual(answer.options.map((o) => o.ask));
    expect(choiceSet?.choices.length).toBeGreaterThan(20);
    expect(choiceSet?.value).toBe('Hallinto- ja tukipalvelut');
    const actions = cardActions(card);
    expect(actions).toHaveLength(1);
    expect(actions[0]?.verb).toBe('choose');
    expect(actions[0]?.data.action).toBe('choose');
  });

  it('should offer every cost centre to pick, not unrelated names, when nothing is close to the name', () => {
    const answer = answerFixture('not-found-list.fi');
    const card = renderAnswerCard(answer);
    expect(cardText(card)).toContain('Aineisto kattaa palvelualueen Hallinto- ja tukipalvelut');
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Input.ChoiceSet"');
    // One button under the list; no "closest" names as buttons.
    expect(cardActions(card).map((a) => a.verb)).toEqual(['choose']);
    expect(json).toContain('"value":"Tietohallinnon menot"');
  });

  it('should say what was not found and never show another cost centre’s figures', () => {
    const text = cardText(renderAnswerCard(answerFixture('not-found.fi')));
    expect(text).toContain('Kustannuspaikkaa "kirjasto" ei löydy aineistosta');
    expect(text).toContain('Lähimmät löytyneet nimet:');
  });

  it('should show help as a few words and the example questions of cards/examples.json', () => {
    expect(cardActions(renderAnswerCard(answerFixture('help.fi'))).map((a) => a.title)).toContain(
      'Suurimmat menot',
    );
    expect(cardActions(renderAnswerCard(answerFixture('help.en'))).map((a) => a.title)).toContain(
      'Biggest expenses',
    );
    const help = cardText(renderAnswerCard(answerFixture('help.fi')));
    expect(help).toContain('Kysy omin sanoin');
    expect(help).not.toContain('Jokainen luku kerrotaan lähteineen'); // the welcome text is for the greeting
  });
});

describe('user text is data, never template or markup', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the point is text that looks like a template
  const nasty = '${title} {{DATE(2022-06-30T00:00:00Z, SHORT)}} **bold** <b>html</b> [x](http://x.invalid)';

  /** The echo of the question on a question back (answer cards do not repeat the question). */
  const echoOf = (card: { body: unknown[] }) =>
    card.body.find((e) => JSON.stringify(e).includes('"italic":true')) as { inlines: { text: string }[] };

  it('should echo a question with template syntax in a TextRun, inert and otherwise unchanged', () => {
    const answer = answerFixture('clarify.fi');
    const card = renderAnswerCard({ ...answer, query: { ...answer.query!, text: nasty } });
    const echo = JSON.stringify(echoOf(card));
    expect(echo).toContain('"type":"TextRun"');
    const shown = echoOf(card).inlines[1]?.text ?? '';
    expect(shown.replace(/\u2060/g, '')).toBe(nasty);
    expect(shown).not.toContain('${');
    expect(shown).not.toContain('{{');
  });

  it('should cut a 10 000-character question to a readable echo', () => {
    const long = answerFixture('stress-long-question.fi');
    const card = renderAnswerCard({ ...answerFixture('clarify.fi'), query: long.query });
    const shown = echoOf(card).inlines[1]?.text ?? '';
    expect([...shown.replace(/\u2060/g, '')].length).toBeLessThanOrEqual(301);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.startsWith('paljonko Tietohallinto on käyttänyt?')).toBe(true);
  });
});

describe('renderAnswerCard: subscribe button', () => {
  it('should not offer alerts for a service-area total, only for cost centres', () => {
    const answer = answerFixture('figure.fi');
    const area = 'Hallinto- ja tukipalvelut';
    const total = {
      ...answer,
      figures: answer.figures.map((f) => ({ ...f, costCentre: area })),
      query: { ...answer.query!, subjects: [{ kind: 'serviceArea' as const, name: area }] },
    };
    expect(cardActions(renderAnswerCard(total)).map((a) => a.data.action)).not.toContain('subscribe');
    expect(cardActions(renderAnswerCard(answer)).map((a) => a.data.action)).toContain('subscribe');
  });
});

describe('renderAnswerCard: over budget', () => {
  it('should list each cost centre ahead of the year with actual / budget, used share and pace', () => {
    const text = cardText(renderAnswerCard(answerFixture('over-budget.fi')));
    expect(text).toContain(`Vuodesta kulunut: ${fi('49,6 %')}`);
    expect(text).toContain(`Kemijärvi 150\n${fi('1 903 €')} / ${fi('0 €')}\nei budjettia`);
    expect(text).toContain(
      `Vaalit\n${fi('18 507 €')} / ${fi('13 000 €')}\n${fi('142,4 %')}\n${fi('+92,8 %-yks.')}`,
    );
    expect(text).toContain(
      `Tietohallinto\n${fi('924 370 €')} / ${fi('1 488 900 €')}\n${fi('62,1 %')}\n${fi('+12,5 %-yks.')}`,
    );
    expect(text).not.toContain('Kehittämisprojektit');
  });
});

describe('renderAnswerCard: a single figure', () => {
  it('should show one figure with its column and source, and no budget words it cannot back', () => {
    const card = renderAnswerCard(answerFixture('figure-single.en'));
    const text = cardText(card);
    expect(text).toContain('Financial statements 2021\n€338,529');
    expect(text).toContain('Source document, line 192 · TP 2021');
    expect(text).not.toMatch(/Budget|Overspent|Underspent|Remaining/);
    expect(
      cardActions(card)
        .filter((a) => a.type === 'Action.Execute')
        .map((a) => a.title),
    ).toEqual(['Trend over the years', 'Previous year (2020)', 'Subscribe to alerts']);
  });
});

describe('answerCardKind', () => {
  // Which template each kind of answer is shown with; the cases are data, the assertion is one line.
  const cases: [fixture: string, kind: string][] = [
    ['figure.fi', 'figure'],
    ['figure-single.en', 'figure'],
    ['comparison.fi', 'comparison'],
    ['ranking.fi', 'ranking'],
    ['over-budget.fi', 'overBudget'],
    ['trend.en', 'trend'],
    ['key-figures.fi', 'keyFigures'],
    ['investment-plan.fi', 'investmentPlan'],
    ['prose.fi', 'prose'],
    ['clarify.fi', 'clarify'],
    ['not-found.fi', 'notFound'],
    ['help.en', 'help'],
  ];
  it.each(cases)('should show %s with the %s template', (fixture, kind) => {
    expect(answerCardKind(answerFixture(fixture))).toBe(kind);
  });

  it('should show a words-only answer (thanks, subscriptions) with the prose template', () => {
    const answer = {
      ...answerFixture('figure.fi'),
      intent: 'thanks' as const,
      figures: [],
      derived: {},
      body: { kind: 'message' as const, topic: 'thanks' as const },
    };
    expect(answerCardKind(answer)).toBe('prose');
    expect(cardText(renderAnswerCard(answer))).toContain('Tietohallinto on käyttänyt');
  });
});

describe('renderAnswerCard: the body decides what a card shows', () => {
  it('should leave out a figure the body does not refer to, so a card never shows a figure it does not explain', () => {
    const answer = answerFixture('figure.fi');
    const stray = {
      ...answer.figures[0]!,
      costCentre: 'Lapin liitto',
      amount: '-98507',
      role: 'value' as const,
      source: { document: '000_d3382b3632755c54.txt', line: 147 },
    };
    const card = JSON.stringify(renderAnswerCard({ ...answer, figures: [...answer.figures, stray] }));
    expect(card).not.toContain('Lapin liitto');
    expect(card).not.toContain('98');
    expect(card).toContain('Tietohallinto');
  });

  it('should draw the figure the body refers to, whatever its place among the figures', () => {
    const answer = answerFixture('figure-single.en');
    const first = { ...answer.figures[0]!, amount: '-1', costCentre: 'Vaalit' };
    const body = answer.body.kind === 'figure' ? { ...answer.body, figure: 1 } : answer.body;
    const moved = { ...answer, figures: [first, answer.figures[0]!], body };
    const text = cardText(renderAnswerCard(AnswerSchema.parse(moved)));
    expect(text).toContain('€338,529');
    expect(text).not.toContain('€1\n');
  });
});

describe('renderAnswerCard: the figure card keeps the answer text to its gist', () => {
  it('should show only the first sentence, since the rows below carry the figures and sources', () => {
    const answer = answerFixture('figure.fi');
    const long = `${answer.text.trim()} Budjetista on käytetty 62,1 %. Lähde: 000_d3382b3632755c54.txt, rivi 196.`;
    const text = cardText(renderAnswerCard({ ...answer, text: long }));
    expect(text).not.toContain('Budjetista on käytetty 62,1 %.');
    expect(text).not.toContain('Lähde: 000_d3382b3632755c54.txt, rivi 196.');
  });
});

describe('leadSentence', () => {
  it.each([
    [
      'Tietohallinto – menot: toteuma 1.1.–30.6.2022 (TOT) 924 370 €. Budjetista on käytetty 62,1 %.',
      'Tietohallinto – menot: toteuma 1.1.–30.6.2022 (TOT) 924 370 €.',
    ],
    [
      'Suurimmat menot: 1. Tietohallinto 1 577 137 €, 2. Kaupunginhallitus. Mukana 24.',
      'Suurimmat menot: 1. Tietohallinto 1 577 137 €, 2. Kaupunginhallitus.',
    ],
    ['+12,5 %-yks. edellä tasaisesta tahdista.', '+12,5 %-yks. edellä tasaisesta tahdista.'],
  ])('should cut %j at the end of its first sentence', (text, lead) => {
    expect(leadSentence(text)).toBe(lead);
  });
});

describe('renderAnswerCard: the list of cost centres', () => {
  it('should offer every cost centre in a searchable choice whose pick asks its figures', () => {
    const answer = answerFixture('list.fi');
    const card = renderAnswerCard(answer);
    const choice = JSON.parse(JSON.stringify(card.body)).find(
      (e: { type: string }) => e.type === 'Input.ChoiceSet',
    ) as { id: string; style: string; choices: { title: string; value: string }[] };
    // Teams merges the input into the button's data: { action: 'ask', ask: <the name> }.
    expect(choice.id).toBe('ask');
    expect(choice.style).toBe('filtered');
    expect(choice.choices).toHaveLength(answer.body.kind === 'list' ? answer.body.items.length : -1);
    expect(choice.choices[0]).toEqual({ title: 'Vaalit', value: 'Vaalit' });
    expect(cardActions(card)).toEqual([
      { type: 'Action.Execute', title: 'Näytä luvut', verb: 'ask', data: { action: 'ask' } },
    ]);
    expect(cardText(card)).toContain('29 kustannuspaikkaa');
  });
});
