/** Lower-cases and drops diacritics: "Käyttänyt" → "kayttanyt", "Itä-Lapin" → "ita-lapin". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o');
}
