import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BudgetBotError } from '../src/domain';
import { allAliases, parseAliases } from '../src/store/aliases-file';
import { loadAliases, loadLexicon } from '../src/understanding';

const LEXICON_DIR = path.join(import.meta.dirname, '..', 'data', 'lexicon');

/** A copy of data/ in a temporary folder, with one lexicon file replaced. */
function dataDirWith(file: string, content: string): URL {
  const dir = mkdtempSync(path.join(tmpdir(), 'lexicon-'));
  mkdirSync(path.join(dir, 'lexicon'));
  for (const f of readdirSync(LEXICON_DIR))
    copyFileSync(path.join(LEXICON_DIR, f), path.join(dir, 'lexicon', f));
  writeFileSync(path.join(dir, 'lexicon', file), content);
  return pathToFileURL(`${dir}/`);
}

describe('loadLexicon', () => {
  it('should load and validate the lexicon the city edits', () => {
    const lexicon = loadLexicon();
    expect(Object.keys(lexicon.accounts.accounts).sort()).toEqual(['MENOT', 'NETTOMENO', 'TULOT']);
    expect(lexicon.intents.intents.map((i) => i.intent)).toContain('budgetVsActual');
    expect(lexicon.periods.months).toHaveLength(12);
  });

  it.each([
    ['intents.json', '{ "intents": [ }', /not valid JSON/],
    ['intents.json', '{ "intents": [{ "intent": "dance", "fi": ["tanssi"] }] }', /lexicon is invalid/],
    ['periods.json', '{ "relative": [] }', /lexicon is invalid/],
  ])('should fail on a broken %s with a message naming it', (file, content, message) => {
    const dir = dataDirWith(file, content);
    expect(() => loadLexicon(dir)).toThrow(BudgetBotError);
    expect(() => loadLexicon(dir)).toThrow(message);
  });
});

describe('aliases', () => {
  it.each([
    ['a flat map', { Tietohallinto: ['IT'] }],
    ['an aliases key', { aliases: { Tietohallinto: ['IT'] } }],
    [
      'groups of maps, with comments',
      { $comment: 'x', costCentres: { Tietohallinto: ['IT'] }, serviceAreas: {} },
    ],
  ])('should read %s', (_, raw) => {
    expect(allAliases(parseAliases(raw))).toEqual({ Tietohallinto: ['IT'] });
  });

  it('should refuse aliases that are not lists of strings', () => {
    expect(() => parseAliases({ Tietohallinto: [1, 2] })).toThrow(BudgetBotError);
    expect(() => parseAliases({ costCentres: { Tietohallinto: 'IT' } })).toThrow('Tietohallinto');
  });

  it('should keep the groups apart for ingest and join them for matching', () => {
    const raw = {
      costCentres: { Tietohallinto: ['IT'] },
      accounts: { 'TOIMINTAKATE/JÄÄMÄ': ['Toimintakate'] },
    };
    expect(parseAliases(raw).accounts).toEqual({ 'TOIMINTAKATE/JÄÄMÄ': ['Toimintakate'] });
    expect(allAliases(parseAliases(raw))).toEqual({
      Tietohallinto: ['IT'],
      'TOIMINTAKATE/JÄÄMÄ': ['Toimintakate'],
    });
  });

  it('should read no aliases when the file is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aliases-'));
    expect(loadAliases(pathToFileURL(`${dir}/`))).toEqual({});
  });
});
