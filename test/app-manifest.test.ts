import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { colorIcon, crc32, encodePng, outlineIcon } from '../manifest/draw-icons';
import {
  buildAppPackage,
  fillTemplate,
  LOCAL_APP_ID,
  manifestValues,
  validateLanguageFile,
  validateManifest,
} from '../src/cli/make-app-package';
import { BudgetBotError } from '../src/domain/errors';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** The schema the manifest names, read from the copy inside @microsoft/app-manifest: no network. */
async function bundledSchema(
  manifest: Record<string, unknown>,
): Promise<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]> {
  const pkg = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  const suffix = String(manifest.$schema).replace('https://developer.microsoft.com/', '');
  return JSON.parse(await readFile(path.join(path.dirname(pkg), 'build', suffix), 'utf8'));
}

/** Reads width, height, colour type and pixels of an 8-bit RGBA PNG without filters. */
function decodePng(png: Buffer): { width: number; height: number; colourType: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    // Every chunk's CRC must hold, or Teams (and browsers) reject the image.
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9]!;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, colourType, pixels };
}

describe('app package', () => {
  it('should validate against its Teams schema (1.22 or newer) with the app id filled in', async () => {
    const { manifest } = await buildAppPackage({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'budjetti.example.fi' });
    expect(Number(String(manifest.manifestVersion).split('.')[1])).toBeGreaterThanOrEqual(22);
    expect(
      await AppManifestUtils.validateAgainstSchema(manifest as never, await bundledSchema(manifest)),
    ).toEqual([]);
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('should carry the version of package.json, which a release raises for Teams to take the update', async () => {
    const { manifest } = await buildAppPackage({ MicrosoftAppId: APP_ID });
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('should point to the privacy statement and terms the bot serves, unless other URLs are given', async () => {
    const served = await buildAppPackage({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'budjetti.example.fi' });
    expect(served.manifest.developer).toMatchObject({
      privacyUrl: 'https://budjetti.example.fi/privacy',
      termsOfUseUrl: 'https://budjetti.example.fi/terms',
    });
    const given = await buildAppPackage({
      MicrosoftAppId: APP_ID,
      BOT_DOMAIN: 'budjetti.example.fi',
      APP_PRIVACY_URL: 'https://kemi.fi/tietosuoja',
    });
    expect((given.manifest.developer as { privacyUrl: string }).privacyUrl).toBe(
      'https://kemi.fi/tietosuoja',
    );
  });

  it('should offer the bot in personal, team and group chats, with Finnish command examples', async () => {
    const { manifest } = await buildAppPackage({ MicrosoftAppId: APP_ID });
    const bot = (manifest.bots as Array<Record<string, unknown>>)[0]!;
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = (bot.commandLists as Array<{ commands: Array<{ title: string }> }>)[0]!.commands.map(
      (c) => c.title,
    );
    expect(commands).toContain('apua');
    expect(commands).toContain('paljonko on käytetty?');
  });

  it('should be in Finnish by default with an English language file that validates offline', async () => {
    const { manifest, languages } = await buildAppPackage({ MicrosoftAppId: APP_ID });
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'fi-fi',
      additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }],
    });
    const en = languages['en-us.json']!;
    expect(await validateLanguageFile(manifest, en)).toEqual([]);
    expect(en['name.short']).toBe('Budget bot');
    expect(en['bots[0].commandLists[0].commands[0].title']).toBe('help');
    expect(en['composeExtensions[0].commands[0].title']).toBe('Budget');
    // Finnish stays the default: the manifest's own strings are Finnish.
    expect((manifest.name as { short: string }).short).toBe('Budjettibotti');
  });

  it('should catch a language file that is incomplete or names a string the manifest lacks', async () => {
    const { manifest, languages } = await buildAppPackage({ MicrosoftAppId: APP_ID });
    const { 'name.full': _dropped, ...incomplete } = languages['en-us.json']!;
    expect(await validateLanguageFile(manifest, incomplete)).toEqual(['name.full: not translated']);
    const extra = { ...languages['en-us.json'], 'bots[0].commandLists[0].commands[9].title': 'ghost' };
    expect(await validateLanguageFile(manifest, extra)).toContain(
      'bots[0].commandLists[0].commands[9].title: the manifest has no such string',
    );
    const tooLong = { ...languages['en-us.json'], 'name.short': 'x'.repeat(31) };
    expect((await validateLanguageFile(manifest, tooLong)).length).toBeGreaterThan(0);
  });

  it('should declare the "budjetti" search command with an initial run', async () => {
    const { manifest } = await buildAppPackage({ MicrosoftAppId: APP_ID });
    const extension = (
      manifest.composeExtensions as Array<{ botId: string; commands: Array<Record<string, unknown>> }>
    )[0]!;
    expect(extension.botId).toBe(APP_ID);
    expect(extension.commands[0]).toMatchObject({ id: 'budjetti', type: 'query', initialRun: true });
  });

  it('should catch a manifest that breaks the schema', async () => {
    const { manifest } = await buildAppPackage({ MicrosoftAppId: APP_ID });
    const broken = { ...manifest, bots: [{ scopes: ['everywhere'] }] };
    expect(
      (await AppManifestUtils.validateAgainstSchema(broken as never, await bundledSchema(manifest))).length,
    ).toBeGreaterThan(0);
  });

  it('should zip the manifest with both icons at the sizes Teams requires', async () => {
    const { zip } = await buildAppPackage({ MicrosoftAppId: APP_ID });
    const files = await JSZip.loadAsync(zip);
    expect(Object.keys(files.files).sort()).toEqual([
      'color.png',
      'en-us.json',
      'manifest.json',
      'outline.png',
    ]);
    const color = decodePng(await files.file('color.png')!.async('nodebuffer'));
    const outline = decodePng(await files.file('outline.png')!.async('nodebuffer'));
    expect([color.width, color.height, color.colourType]).toEqual([192, 192, 6]);
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    // The outline icon is white on transparent: every pixel is either fully transparent or white.
    const outlinePixels = Array.from({ length: 32 * 32 }, (_, i) => [
      ...outline.pixels.subarray(i * 4, i * 4 + 4),
    ]);
    expect(outlinePixels.some(([, , , a]) => a === 0)).toBe(true);
    expect(outlinePixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(
      true,
    );
    // The colour icon is opaque.
    expect(Array.from({ length: 192 * 192 }, (_, i) => color.pixels[i * 4 + 3]).every((a) => a === 255)).toBe(
      true,
    );
  });

  it('should commit icons that are exactly what the drawing code makes', async () => {
    const dir = path.resolve(
      import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
      '../manifest',
    );
    expect(await readFile(path.join(dir, 'color.png'))).toEqual(encodePng(colorIcon()));
    expect(await readFile(path.join(dir, 'outline.png'))).toEqual(encodePng(outlineIcon()));
  });
});

describe('manifestValues', () => {
  it('should use a clearly marked local id when MicrosoftAppId is not set', () => {
    const { appId, local, values } = manifestValues({});
    expect(appId).toBe(LOCAL_APP_ID);
    expect(local).toBe(true);
    expect(values.NAME_SUFFIX).toBe(' (local)');
  });

  it.each([
    { env: { MicrosoftAppId: 'not-a-guid' }, variable: 'MicrosoftAppId' },
    { env: { BOT_DOMAIN: 'https://x.fi/path' }, variable: 'BOT_DOMAIN' },
    { env: { APP_PRIVACY_URL: 'http://x.fi/privacy' }, variable: 'APP_PRIVACY_URL' },
  ])('should reject a bad $variable naming it', ({ env, variable }) => {
    expect(() => manifestValues(env)).toThrow(BudgetBotError);
    expect(() => manifestValues(env)).toThrow(new RegExp(`^${variable}:`));
  });

  it('should escape values so that the manifest stays valid JSON', () => {
    expect(fillTemplate('{"name": "{{DEVELOPER_NAME}}"}', { DEVELOPER_NAME: 'Kaupunki "Testi"' })).toEqual({
      name: 'Kaupunki "Testi"',
    });
  });

  it('should refuse a template placeholder that has no value', () => {
    expect(() => fillTemplate('{"x": "{{UNKNOWN}}"}', {})).toThrow(/no value for \{\{UNKNOWN\}\}/);
  });
});
