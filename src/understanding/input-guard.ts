/** Longer messages are not questions; refusing them caps the work a hostile message can cause. */
export const MAX_TEXT_LENGTH = 1000;

// Code, templates and markup are not questions: answer them with "not understood", never echo them into a query.
const CODE_LIKE = [
  /\$\{|\{\{|\}\}|<\/?[a-z]+[^>]*>|;\s*--|\/\*|\*\//i,
  /\b(select|insert|update|delete|drop|union|alter|create|truncate|exec)\b[\s\S]*\b(from|table|into|set|select|where|database)\b/i,
  /['"]\s*(or|and)\s*['"]?\d+['"]?\s*=\s*['"]?\d+/i,
];

/** Whether a message looks like code or markup rather than a question. */
export function looksLikeCode(text: string): boolean {
  if (CODE_LIKE.some((re) => re.test(text))) return true;
  const symbols = text.replace(/[\p{L}\p{N}\s.,?!%€:()'"–-]/gu, '').length;
  return text.length >= 8 && symbols / text.length > 0.25;
}

/** Whether a folded word is plausible in a language: vowels, no long runs of consonants or repeated letters. */
export function looksLikeWord(fold: string): boolean {
  if (!/^\p{L}+$/u.test(fold)) return false;
  const vowels = fold.match(/[aeiouy]/g)?.length ?? 0;
  if (vowels === 0 || vowels / fold.length < 0.25) return false;
  return !/[^aeiouy]{5,}|(.)\1\1/.test(fold);
}
