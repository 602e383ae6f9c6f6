/**
 * The compiled card templates against the Adaptive Cards templating library they stand in
 * for: the same card for every template in cards/ over random data (values of every type,
 * missing and null fields, lists for `$data`), and for the library's own corner cases
 * (substitution of missing fields, truth of 0 and '', `$when` that is not a boolean, empty and
 * single `$data`, `$index`, `$root`, names differing in case). A template with a binding kind
 * it does not compile is left to the library.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are card templates, bound by the templating language
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareTemplate } from '../src/cards/compiled-template';

const cardsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cards');
const library = (payload: unknown, data: object) => new ACData.Template(payload).expand({ $root: data });

/** Both engines on the same data: equal output, or both throwing. */
function expectSame(payload: unknown, data: object): void {
  let expected: unknown;
  let expectedError: unknown = null;
  try {
    expected = library(payload, data);
  } catch (err) {
    expectedError = err;
  }
  const compiled = prepareTemplate(payload);
  if (expectedError) expect(() => compiled.expand(data)).toThrow();
  else expect(compiled.expand(data)).toEqual(expected);
}

/** The names the template binds (inside ${…}), so random data can have and lack them. */
function boundNames(payload: unknown): string[] {
  const names = new Set<string>();
  for (const match of JSON.stringify(payload).matchAll(/\$\{([^}]*)\}/g))
    for (const name of match[1]!.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(name[0]);
  for (const word of ['if', 'Bolder', 'Default']) names.delete(word);
  return [...names];
}

const templates = readdirSync(cardsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, payload: JSON.parse(readFileSync(path.join(cardsDir, f), 'utf8')) as unknown }))
  .filter((t) => JSON.stringify(t.payload).includes('${'));

/** Data for a template: each bound name missing, null, or any JSON-ish value, lists of such records too. */
function dataFor(names: string[]): fc.Arbitrary<Record<string, unknown>> {
  const scalar = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', '${title}', 'Tietohallinto'),
    fc.integer({ min: -3, max: 3 }),
    fc.boolean(),
    fc.constant(null),
  );
  const record = fc.dictionary(fc.constantFrom(...names), scalar, { maxKeys: names.length });
  const value = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(record, { maxLength: 3 }) },
    { weight: 1, arbitrary: record },
  );
  return fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length });
}

describe('compiled card templates', () => {
  it('should compile every template in cards/', () => {
    const notCompiled = templates.filter((t) => !prepareTemplate(t.payload).compiled).map((t) => t.file);
    expect(notCompiled).toEqual([]);
  });

  it.each(templates)('should expand $file as the templating library does, for any data', ({ payload }) => {
    const names = boundNames(payload);
    fc.assert(
      fc.property(dataFor(names), (data) => expectSame(payload, data)),
      { numRuns: 150 },
    );
  });

  const corner = {
    a: '${x}',
    b: '${!x}',
    c: '${x || y}',
    d: "${if(x, 'A', 'B')}",
    e: 'pre ${x} post',
    f: '${n}',
    g: 'n=${n}',
    h: '${o}',
    i: 'o=${o}',
    j: '${z}',
    k: 'z=${z} ${x}',
    l: { $when: '${x}', v: 1 },
    m: { $when: '${!x}', v: 2 },
    nn: { $when: '${x || y}', v: 3 },
    list: [{ $when: '${x}', v: 4 }, 'keep', { $when: 'literal', v: 5 }, { $when: '', v: 6 }],
    p: [{ $data: '${arr}', v: '${name}', i: '${$index}', r: '${$root.n}', d: '${$data.name}' }],
    q: [{ $data: '${empty}', v: 1 }],
    r: { $data: '${arr}', v: '${name}' },
    s: { $data: '${one}', v: '${name}' },
    s2: { $data: '${missing}', v: '${name}' },
    s3: { $data: 'plain', v: '${name}' },
    t: '${zero}',
    u: '${!zero}',
    w: { $when: '${zero}', v: 5 },
    x2: { $when: '${emptyStr}', v: 6 },
    y2: '${!emptyStr}',
    z2: '${nul}',
    z3: '${!nul}',
    z5: '${deep.a.b}',
    z6: '${deep.missing}',
    z7: "${if(nul, 'A', deep.a.b)}",
    z8: '${t && !f}',
    z9: '${TITLE}',
    z10: '${arr[1].name}',
    z11: '${arr}',
    z12: { $when: 'x ${t}', v: 8 },
  };
  const cornerData = {
    x: false,
    y: true,
    n: 3,
    o: { k: 1 },
    arr: [{ name: 'p' }, { name: 'q' }],
    empty: [],
    one: { name: 'solo' },
    zero: 0,
    emptyStr: '',
    nul: null,
    deep: { a: { b: 'B' } },
    t: true,
    f: false,
    Title: 'first',
    title: 'second',
  };

  it('should agree with the library on its corner cases', () => {
    expectSame(corner, cornerData);
    expectSame(corner, {});
    expectSame(corner, { ...cornerData, x: undefined, y: undefined });
  });

  it('should throw where the library throws: a null inside text', () => {
    expectSame({ a: 'n=${nul}' }, { nul: null });
  });

  it('should leave a template with other functions to the library, with the same result', () => {
    const payload = { a: '${formatNumber(n, 1)}', b: '${x}' };
    expect(prepareTemplate(payload).compiled).toBe(false);
    expectSame(payload, { n: 2.25, x: 'y' });
  });
});
