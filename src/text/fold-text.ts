// Module level: the bundler writes a \p{…} regex literal as `new RegExp(…)`, which in a function
// body would build a new regex on every call.
const MARKS = /\p{M}+/gu;

/** Lower-cases and drops diacritics: "Käyttänyt" → "kayttanyt", "Itä-Lapin" → "ita-lapin". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o');
}
