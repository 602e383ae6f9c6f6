import { describe, expect, it } from 'vitest';
import { cardContextOf, documentLabel } from '../src/cards/card-context';

describe('documentLabel', () => {
  // Each case: a title as ingest finds it, and how a card names the document.
  const cases: [string, string | null, string | null][] = [
    ['Toteutuma 30.6.2022 - Käyttösuunnitelma 2022', null, 'Toteutuma 30.6.2022 – Käyttösuunnitelma 2022'],
    [
      'PALVELUALUE:HALLINTO- JA TUKIPALVELUT',
      'Hallinto- ja tukipalvelut',
      'Palvelualue: Hallinto- ja tukipalvelut',
    ],
    ['Toteuma 2022-09-30', null, 'Toteuma 30.9.2022'],
    ['kirjanpito-2022-09.csv', null, null],
    ['', null, null],
  ];
  it.each(cases)('should name %j (service area %j) as %j', (title, serviceArea, want) => {
    expect(documentLabel({ title, serviceArea })).toBe(want);
  });

  it('should look documents up by file name, and know nothing of others', () => {
    const context = cardContextOf([{ name: 'a.txt', title: 'Talousarvio 2023', serviceArea: null }]);
    expect(context.documentTitle('a.txt')).toBe('Talousarvio 2023');
    expect(context.documentTitle('b.txt')).toBeNull();
  });
});
