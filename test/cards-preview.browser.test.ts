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
      'Lähde: Toteuma 30.6.2022',
    ],
    ['Kehitys vuosittain', 'Edellinen vuosi (2021)', 'Tilaa hälytykset'],
  ],
  [
    'figure.en',
    ['€1,577,137', '€1,436,020', 'Overspent by €141,117.'],
    ['Trend over the years', 'Subscribe to alerts'],
  ],
  ['comparison.fi', [fi('1 477 909 €'), fi('1 577 137 €'), fi('+99 228 €'), fi('+6,7 %')], []],
  ['over-budget.fi', ['Vaalit', fi('142,4 %'), fi('+92,8 %-yks.'), 'ei budjettia'], []],
  ['ranking.fi', ['Tietohallinto', fi('924 370 €'), 'Opiskelijoiden kesätyö', '29.'], []],
  ['trend.fi', ['Tilinpäätös 2018', fi('228 633 €'), 'Toteuma 30.6.2022', fi('148 164 €')], []],
  ['trend.en', ['Financial statements 2019', '€265,685'], []],
  ['key-figures.fi', ['Vakinaiset virat ja toimet 31.12.', fi('9,0 %'), '/asukas'], []],
  ['investment-plan.fi', ['Hoitajakutsujärjestelmä', fi('85 000 €'), 'TS 2022'], []],
  ['prose.fi', ['Kaupungin työllisyystilanne on parantunut.'], ['Painopistealueet 2022']],
  ['clarify.fi', ['Tarkoititko jotakin näistä?'], ['Kuntaliitto', 'Lapin liitto']],
  [
    'not-found.fi',
    ['kirjasto', 'Lähimmät löytyneet nimet:'],
    ['Kaupunginhallitus', 'Kunnallisverotus', 'Tilintarkastus'],
  ],
  ['help.fi', ['Näin voit kysyä'], ['Mihin on kulunut eniten rahaa?']],
  ['welcome.en', ['Hi! I answer budget questions'], ['Where has most of the money gone?']],
  ['error.fi', ['Jokin meni pieleen', 'Vuodelle 2030 ei ole lukuja.'], ['Ohje']],
  [
    'alert.fi',
    ['Budjettihälytys: Tietohallinto', fi('60,0 %'), fi('62,1 %'), fi('+12,5 %-yks.')],
    ['Näytä koko vastaus', 'Lopeta tämä hälytys'],
  ],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: user text that looks like a template, shown literally
  ['stress-long-question.fi', ['${title} {{DATE(', '**bold** _it_', '<b>html</b>'], []],
];

describe.skipIf(!hasChromium)('cards preview in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const shots = resolve('build/screenshots');

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
      viewport: { width: 1400, height: 1000 },
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

  it('should render every card of the page without a renderer error', async () => {
    const total = await page.locator('section.entry').count();
    expect(total).toBeGreaterThanOrEqual(25);
    expect(await page.locator('section.entry[data-rendered="true"]').count()).toBe(total);
  });

  it.each(expectations)('should show the figures, labels and buttons of %s', async (name, texts, buttons) => {
    const card = page.locator(`section[data-name="${name}"] .card-host`);
    // User text carries invisible word joiners (U+2060) that keep "${" and "{{" inert; readers do not see them.
    // Playwright's innerText is the rendered text a reader sees (textContent would include hidden parts).
    const text = (await card.innerText()).replace(/\u2060/g, '');
    for (const t of texts) expect(text).toContain(t);
    const titles = await card.locator('button').allInnerTexts();
    for (const b of buttons) expect(titles.map((t) => t.trim())).toContain(b);
    await card.screenshot({ path: join(shots, `${name}.png`) });
  });

  it('should show the trend as a table where charts are not supported', async () => {
    // Playwright's innerText is the rendered text a reader sees (textContent would include hidden parts).
    const text = await page.locator('section[data-name="trend.fi"] .card-host').innerText();
    expect(text).toContain(`2019\n${fi('265 685 €')}`.replace('2019', 'Tilinpäätös 2019'));
  });

  it('should hand the bot the ask payload when a button is pressed', async () => {
    const section = page.locator('section[data-name="clarify.fi"]');
    await section.locator('button', { hasText: 'Lapin liitto' }).click();
    // Playwright's innerText is the rendered text a reader sees (textContent would include hidden parts).
    const payload = JSON.parse(await section.locator('.action-log').innerText()) as unknown;
    expect(payload).toEqual({
      action: 'ask',
      ask: 'Lapin liitto menot',
      msteams: { type: 'messageBack', displayText: 'Lapin liitto', text: 'Lapin liitto menot' },
    });
  });

  it('should not scroll sideways on a phone-width card', async () => {
    const overflowing = await page.$$eval('section.entry .card-host', (hosts) =>
      hosts
        .filter((h) => h.scrollWidth > h.clientWidth + 1)
        .map((h) => h.parentElement?.getAttribute('data-name')),
    );
    expect(overflowing).toEqual([]);
  });
});
