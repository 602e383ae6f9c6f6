/**
 * `npm run manifest [-- --out FILE]`: fills manifest/manifest.json (Finnish, the default
 * language) and its language files (manifest/en-us.json) from the environment (MicrosoftAppId,
 * BOT_DOMAIN, APP_DEVELOPER_NAME, APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_URL), validates
 * them against their schemas offline, and writes the Teams app package (manifest.json,
 * en-us.json, color.png, outline.png) as a zip to upload to Teams.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { BudgetBotError } from '../domain/errors';

/** Used when MicrosoftAppId is not set: a valid GUID, marked "(local)" in the app name. */
export const LOCAL_APP_ID = '00000000-0000-4000-8000-000000000001';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folder of the manifest template and icons. */
export const MANIFEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manifest');

/** The values put into the template, and whether the id is the local one. */
export interface ManifestValues {
  appId: string;
  local: boolean;
  values: Record<string, string>;
}

/**
 * The app's version: package.json's. Teams takes an updated package only with a higher version,
 * so a release bumps it there (npm version minor) and the manifest follows.
 */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(MANIFEST_DIR, '..', 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof pkg.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(pkg.version))
    throw new BudgetBotError(
      'needs a version x.y.z (Teams accepts no other form)',
      'bad_config',
      'package.json',
    );
  return pkg.version;
}

/** Decides the template values from the environment; rejects an app id that Teams would refuse. */
export function manifestValues(env: Record<string, string | undefined>): ManifestValues {
  const given = env.MicrosoftAppId?.trim();
  if (given && !GUID.test(given))
    throw new BudgetBotError(
      'must be a GUID (the Azure Bot app registration id)',
      'bad_config',
      'MicrosoftAppId',
    );
  const appId = given || LOCAL_APP_ID;
  const domain = env.BOT_DOMAIN?.trim() || 'localhost';
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain))
    throw new BudgetBotError('must be a host name such as bot.example.fi', 'bad_config', 'BOT_DOMAIN');
  const site = env.APP_WEBSITE_URL?.trim() || `https://${domain}/`;
  for (const [name, value] of Object.entries({
    APP_WEBSITE_URL: site,
    APP_PRIVACY_URL: env.APP_PRIVACY_URL,
    APP_TERMS_URL: env.APP_TERMS_URL,
  })) {
    if (value && !/^https:\/\/\S+$/.test(value.trim()))
      throw new BudgetBotError('must be an https:// URL', 'bad_config', name);
  }
  return {
    appId,
    local: !given,
    values: {
      APP_ID: appId,
      VERSION: appVersion(),
      NAME_SUFFIX: given ? '' : ' (local)',
      BOT_DOMAIN: domain,
      DEVELOPER_NAME: env.APP_DEVELOPER_NAME?.trim() || 'Budjettibotti',
      WEBSITE_URL: site,
      PRIVACY_URL: env.APP_PRIVACY_URL?.trim() || new URL('privacy', site).href,
      TERMS_URL: env.APP_TERMS_URL?.trim() || new URL('terms', site).href,
    },
  };
}

/** Fills every {{NAME}} of the template; a placeholder without a value is an error. */
export function fillTemplate(template: string, values: Record<string, string>): Record<string, unknown> {
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new BudgetBotError(`no value for {{${name}}}`, 'bad_config', 'manifest/manifest.json');
    // Values go inside JSON strings: escape them as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, unknown>;
}

/** The language files a manifest names in localizationInfo (file name → language tag). */
function languageFiles(manifest: Record<string, unknown>): Array<{ tag: string; file: string }> {
  const info = manifest.localizationInfo as
    | { additionalLanguages?: Array<{ languageTag: string; file: string }> }
    | undefined;
  return (info?.additionalLanguages ?? []).map((l) => ({ tag: l.languageTag, file: l.file }));
}

/**
 * Builds the app package zip in memory: the filled manifest (Finnish, the default language), its
 * language files (English) and both icons.
 */
export async function buildAppPackage(
  env: Record<string, string | undefined>,
  dir = MANIFEST_DIR,
): Promise<{
  zip: Buffer;
  manifest: Record<string, unknown>;
  /** Each language file of the package by file name, filled like the manifest. */
  languages: Record<string, Record<string, unknown>>;
  local: boolean;
}> {
  const { values, local } = manifestValues(env);
  const manifest = fillTemplate(await readFile(path.join(dir, 'manifest.json'), 'utf8'), values);
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  const languages: Record<string, Record<string, unknown>> = {};
  for (const { file } of languageFiles(manifest)) {
    languages[file] = fillTemplate(await readFile(path.join(dir, file), 'utf8'), values);
    zip.file(file, `${JSON.stringify(languages[file], null, 2)}\n`);
  }
  const icons = manifest.icons as { color: string; outline: string };
  zip.file(icons.color, await readFile(path.join(dir, icons.color)));
  zip.file(icons.outline, await readFile(path.join(dir, icons.outline)));
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { zip: buffer, manifest, languages, local };
}

/** The value at a localization key's path ("bots[0].commandLists[0].commands[1].title") in the manifest. */
function valueAt(manifest: Record<string, unknown>, key: string): unknown {
  let node: unknown = manifest;
  for (const part of key.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m || typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[m[1] as string];
    for (const index of (m[2] ?? '').match(/\d+/g) ?? []) {
      if (!Array.isArray(node)) return undefined;
      node = node[Number(index)];
    }
  }
  return node;
}

/** Every string of the manifest a user reads in Teams: name, descriptions, commands and their parameters. */
function localizableKeys(manifest: Record<string, unknown>): string[] {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  const bots = (manifest.bots ?? []) as Array<{ commandLists?: Array<{ commands: unknown[] }> }>;
  for (const [l, list] of (bots[0]?.commandLists ?? []).entries()) {
    for (const c of list.commands.keys()) {
      keys.push(`bots[0].commandLists[${l}].commands[${c}].title`);
      keys.push(`bots[0].commandLists[${l}].commands[${c}].description`);
    }
  }
  const extensions = (manifest.composeExtensions ?? []) as Array<{
    commands: Array<{ description?: string; parameters?: Array<{ description?: string }> }>;
  }>;
  extensions[0]?.commands.forEach((command, c) => {
    keys.push(`composeExtensions[0].commands[${c}].title`);
    if (command.description) keys.push(`composeExtensions[0].commands[${c}].description`);
    command.parameters?.forEach((parameter, p) => {
      keys.push(`composeExtensions[0].commands[${c}].parameters[${p}].title`);
      if (parameter.description)
        keys.push(`composeExtensions[0].commands[${c}].parameters[${p}].description`);
    });
  });
  return keys;
}

/**
 * The localization schema as published has two key patterns ("activities.activityTypes[…]")
 * with an unescaped "]" that JavaScript refuses in unicode mode, which the validator uses; the
 * bracket is escaped, the meaning unchanged.
 */
function unicodeSafe<T>(schema: T): T {
  const s = schema as { patternProperties?: Record<string, unknown> };
  if (!s.patternProperties) return schema;
  const patterns = Object.fromEntries(
    Object.entries(s.patternProperties).map(([k, v]) => [k.replace(/\\b\]/g, '\\b\\]'), v]),
  );
  return { ...s, patternProperties: patterns } as T;
}

/**
 * Checks a language file offline: its schema (bundled in @microsoft/app-manifest), every key
 * naming a string the manifest has, and every string a user reads translated.
 */
export async function validateLanguageFile(
  manifest: Record<string, unknown>,
  strings: Record<string, unknown>,
): Promise<string[]> {
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  const schema = unicodeSafe(await AppManifestUtils.fetchSchema(String(strings.$schema ?? '')));
  const problems = await AppManifestUtils.validateAgainstSchema(strings as never, schema);
  for (const key of Object.keys(strings)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof valueAt(manifest, key) !== 'string') problems.push(`${key}: the manifest has no such string`);
  }
  for (const key of localizableKeys(manifest))
    if (typeof strings[key] !== 'string' || strings[key] === '') problems.push(`${key}: not translated`);
  return problems;
}

/** Validates a manifest against the schema it names, from the copy bundled in @microsoft/app-manifest (offline). */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  const schemaUrl = String(manifest.$schema ?? '');
  const schema = await AppManifestUtils.fetchSchema(schemaUrl);
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema);
}

async function main(argv: string[]): Promise<void> {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : 'appPackage.zip';
  if (!out) throw new BudgetBotError('needs a file name', 'bad_input', '--out');
  const { zip, manifest, languages, local } = await buildAppPackage(process.env);
  const errors = await validateManifest(manifest);
  for (const [file, strings] of Object.entries(languages))
    errors.push(...(await validateLanguageFile(manifest, strings)).map((e) => `${file}: ${e}`));
  if (errors.length > 0)
    throw new BudgetBotError(
      `manifest does not match its schema:\n  ${errors.join('\n  ')}`,
      'bad_config',
      'manifest/manifest.json',
    );
  await writeFile(out, zip);
  if (local)
    process.stderr.write(
      `note: MicrosoftAppId is not set; used the local id ${LOCAL_APP_ID} (for the Agents Playground, not for Teams)\n`,
    );
  process.stdout.write(`wrote ${out} (${zip.length} bytes), app id ${String(manifest.id)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`manifest: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
