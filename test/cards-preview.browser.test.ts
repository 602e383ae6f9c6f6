import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCardsPreview } from '../src/cli/cards-preview';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `cards preview browser test skipped: ${CHROMIUM} is absent (CI installs the chromium package)`,
  );

const NBSP = '\u00a0';
const fi = (s: string) => s.replace(/ /g, NBSP);

// What each card must show once the adaptivecards JS renderer has drawn it: figures in the
// language's formats, labels, and button titles.
const expectations: [name: string, texts: string[], buttons: string[]][] = [
  [
    'figure.fi',
    [
      'Tietohallinto · menot 2022',
      fi('1 488 900 €'),
      fi('924 370 €'),
      fi('564 530 €'),
      fi('62,1 %'),
      fi('49,6 %'),
      'Koko vuoden ennuste (arvio)',
      `Käytetty ${fi('62,1 %')} · vuodesta kulunut ${fi('49,6 %')} · jäljellä ${fi('564 530 €')}`,
    ],
    ['Lähde', 'Kehitys vuosittain', 'Edellinen vuosi (2021)', 'Tilaa hälytykset'],
  ],
  [
    'figure.en',
    ['€1,577,137', '€1,436,020', 'Overspent by €141,117.'],
    ['Trend over the years', 'Subscribe to alerts'],
  ],
  ['comparison.fi', [fi('1 477 909 €'), fi('1 577 137 €'), fi('+99 228 €'), fi('+6,7 %')], []],
  ['over-budget.fi', ['Vaalit', fi('142,4 %'), fi('+92,8 %-yks.'), 'ei budjettia'], []],
  ['ranking.fi', ['Tietohallinto', fi('924 370 €'), 'Opiskelijoiden kesätyö', '29.'], []],
  [
    'trend.fi',
    ['2018', fi('228 633 €'), '2022*', fi('148 164 €'), '* 2022: toteuma 1.1.–30.6.2022'],
    ['Tarkat luvut'],
  ],
  ['trend.en', ['2019', '€265,685'], ['Exact figures']],
  [
    'trend-monthly.fi',
    ['1.1.–30.6.2022 yhteensä', fi('924 370 €'), 'Kaaviossa vain yksittäiset kuukaudet'],
    ['Tarkat luvut'],
  ],
  ['list.fi', ['Kustannuspaikat', '29 kustannuspaikkaa', 'Kustannuspaikka'], ['Näytä luvut']],
  ['key-figures.fi', ['Vakinaiset virat ja toimet 31.12.', fi('9,0 %'), '/asukas'], []],
  ['investment-plan.fi', ['Hoitajakutsujärjestelmä', fi('85 000 €'), 'Taloussuunnitelma 2022'], []],
  ['prose.fi', ['Kaupungin työllisyystilanne on parantunut.'], ['Painopistealueet 2022']],
  ['clarify.fi', ['Tarkoititko jotakin näistä?'], ['Kuntaliitto', 'Lapin liitto']],
  [
    'not-found.fi',
    ['kirjasto', 'Lähimmät löytyneet nimet:'],
    ['Kaupunginhallitus', 'Kunnallisverotus', 'Tilintarkastus', 'Kaikki kustannuspaikat'],
  ],
  ['help.fi', ['Näin voit kysyä'], ['Suurimmat menot']],
  ['welcome.en', ['Hi! I answer budget questions'], ['Biggest expenses']],
  ['error.fi', ['Jokin meni pieleen', 'Vuodelle 2030 ei ole lukuja.'], ['Ohje']],
  [
    'alert.fi',
    ['Budjettihälytys: Tietohallinto', fi('60,0 %'), fi('62,1 %'), fi('+12,5 %-yks.')],
    ['Näytä koko vastaus', 'Muuta rajoja', 'Lopeta tilaus'],
  ],
  ['alert-stopped.fi', ['Tilaus lopetettu', 'Hälytys lähetettiin 31.5.2022'], ['Tilaa uudelleen']],
  ['subscription.fi', ['Hälytykset tilattu', 'Tietohallinto'], ['Muuta rajoja', 'Lopeta tilaus']],
  ['subscription-form.fi', ['Hälytysten rajat: Tietohallinto', fi('80 %')], ['Tallenna', 'Peruuta']],
  ['stress-long-question.fi', ['Tietohallinto', fi('924 370 €')], []],
];

/** What the page checks of an element (the DOM types are not in this project's compiler settings). */
type Box = { scrollWidth: number; clientWidth: number; textContent: string | null };

/** Codes of the documents ("(TOT)", "TA/KS+muutos", "PALVELUALUE:"): only the source line may show them. */
const JARGON = /\((TOT|TP|TA|KS|TS)\b|TA\/KS|\+muutos|PALVELUALUE/;

/** A file name in visible text: what a reader must never see (the card names a document by its title). */
const FILE_NAME = /\b[\w-]+\.(txt|pdf|xlsx|xls|csv|json)\b/i;

describe.skipIf(!hasChromium)('cards preview in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const shots = resolve('build/screenshots/cards');

  beforeAll(async () => {
    const { path } = writeCardsPreview({
      out: 'build/cards-preview.test.html',
      fixtures: 'test/fixtures/answers',
    });
    userDataDir = mkdtempSync(join(tmpdir(), 'cards-chromium-'));
    mkdirSync(shots, { recursive: true });
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 2000, height: 1000 },
    });
    // The page is self-contained: anything but a local file is a mistake, and must not leave the machine.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      return url.protocol === 'file:' || url.hostname === 'localhost' || url.hostname === '127.0.0.1'
        ? route.continue()
        : route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector('body[data-cards-rendered]');
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const light = (name: string) =>
    page.locator(`section[data-name="${name}"] [data-theme="light"] .card-host`);

  it('should render every card of the page, light and dark, without a renderer error', async () => {
    const total = await page.locator('section.entry').count();
    expect(total).toBeGreaterThanOrEqual(30);
    expect(await page.locator('section.entry[data-rendered="true"]').count()).toBe(total);
    expect(await page.locator('.variant[data-theme="dark"] .ac-adaptiveCard').count()).toBe(total);
  });

  it.each(expectations)('should show the figures, labels and buttons of %s', async (name, texts, buttons) => {
    const card = light(name);
    // User text carries invisible word joiners (U+2060) that keep "${" and "{{" inert; readers do not see them.
    // Playwright's innerText is the rendered text a reader sees (textContent would include hidden parts).
    const text = (await card.innerText()).replace(/\u2060/g, '');
    for (const t of texts) expect(text).toContain(t);
    const titles = await card.locator('button').allInnerTexts();
    for (const b of buttons) expect(titles.map((t) => t.trim())).toContain(b);
  });

  it('should show the trend as a table where charts are not supported', async () => {
    // Playwright's innerText is the rendered text a reader sees (textContent would include hidden parts).
    const text = await light('trend.fi').innerText();
    expect(text).toContain(`Vuosi\nToteuma\n2018\n${fi('228 633 €')}`);
  });

  it("should open the source, named by the document's title, when 'Lähde' is pressed", async () => {
    const card = light('figure.fi');
    await expect(card.innerText()).resolves.not.toContain('rivi 196');
    await card.locator('button', { hasText: /^Lähde$/ }).click();
    await expect(card.innerText()).resolves.toContain(
      'Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, rivi 196 · TOT 30.6.2022, TA/KS+muutos 2022',
    );
  });

  it('should hand the bot the Universal Action when a button is pressed', async () => {
    const section = page.locator('section[data-name="clarify.fi"]');
    await section.locator('[data-theme="light"] button', { hasText: 'Lapin liitto' }).click();
    // Playwright's innerText is the rendered text a reader sees (textContent would include hidden parts).
    const payload = JSON.parse(await section.locator('.action-log').innerText()) as unknown;
    expect(payload).toEqual({ verb: 'choose', data: { action: 'choose', ask: 'Lapin liitto menot' } });
  });

  // Every card type, light and dark, on a phone and at full width: read as a reader sees it, and
  // kept as a screenshot in build/screenshots/cards/ for a person to look at.
  it.each([
    'phone',
    'full',
  ] as const)('should show every card whole at %s width, light and dark', async (width) => {
    await page.locator(`[data-set-width="${width}"]`).click();
    await page.waitForSelector(`body[data-width="${width}"]`);
    const problems = await page.$$eval(
      'section.entry .variant',
      (variants, jargonPattern) =>
        variants.flatMap((v) => {
          const where = `${v.closest('section')?.getAttribute('data-name')} (${v.getAttribute('data-theme')})`;
          const host = v.querySelector('.card-host');
          if (!host) return [`${where}: no card`];
          const out: string[] = [];
          if (host.scrollWidth > host.clientWidth + 1) out.push(`${where}: scrolls sideways`);
          // A title is cut when the button, or the element holding its text, is wider inside than out.
          for (const b of Array.from(host.querySelectorAll('button, button *') as unknown as ArrayLike<Box>))
            if (b.scrollWidth > b.clientWidth + 1) out.push(`${where}: button cut: ${b.textContent?.trim()}`);
          // innerText: the text as rendered (what a reader sees), not hidden parts.
          const text = (host as unknown as { innerText: string }).innerText;
          const file = /\b[\w-]+\.(txt|pdf|xlsx|xls|csv|json)\b/i.exec(text);
          if (file) out.push(`${where}: file name in text: ${file[0]}`);
          // Codes of the documents belong to the source line (behind "Lähde"), nowhere else.
          const source =
            (host.querySelector('[id="sources"]') as unknown as { innerText?: string } | null)?.innerText ??
            '';
          const jargon = new RegExp(jargonPattern).exec(text.replace(source, ''));
          if (jargon) out.push(`${where}: code in text: ${jargon[0]}`);
          return out;
        }),
      JARGON.source,
    );
    expect(problems).toEqual([]);
    for (const name of await page.$$eval('section.entry', (s) =>
      s.map((e) => e.getAttribute('data-name') ?? ''),
    ))
      for (const theme of ['light', 'dark'])
        await page
          .locator(`section[data-name="${name}"] [data-theme="${theme}"]`)
          .screenshot({ path: join(shots, `${name}.${theme}.${width}.png`) });
  });

  it('should catch what it looks for: a cut button, a file name, a code (the checks can fail)', async () => {
    const caught = await page.$eval(
      'section[data-name="clarify.fi"] [data-theme="light"] .card-host button',
      (button, pattern) => {
        const style = (button as unknown as { style: { width: string } }).style;
        const before = style.width;
        style.width = '40px';
        const parts: Box[] = [
          button,
          ...Array.from(button.querySelectorAll('*') as unknown as ArrayLike<Box>),
        ];
        const cut = parts.some((e) => e.scrollWidth > e.clientWidth + 1);
        style.width = before;
        return { cut, file: new RegExp(pattern, 'i').test('Lähde: 000_d3382b3632755c54.txt, rivi 196') };
      },
      FILE_NAME.source,
    );
    expect(caught).toEqual({ cut: true, file: true });
    expect(JARGON.test('toteuma 1.1.–30.6.2022 (TOT) 924 370 €')).toBe(true);
    expect(JARGON.test('PALVELUALUE:HALLINTO- JA TUKIPALVELUT')).toBe(true);
    expect(JARGON.test('Käytetty 62,1 % · vuodesta kulunut 49,6 %')).toBe(false);
  });
});
