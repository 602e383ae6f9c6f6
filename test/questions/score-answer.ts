import type { Answer } from '../../src/domain';

/** An expected figure of the question set: cost centre, account, year, exact amount. */
export interface ExpectedFigure {
  cc?: string;
  acc?: string;
  year?: number;
  amount: number;
}

/** What a conversation's last answer must satisfy (the shape of shared/questions.public.jsonl). */
export interface Expectation {
  /** Alternatives: the answer is right when any of them is (the scorer reports the first one's failure). */
  anyOf?: Expectation[];
  status?: Answer['status'] | Answer['status'][];
  figures?: ExpectedFigure[];
  figuresAny?: ExpectedFigure[][];
  forbid?: Array<{ amount: number; acc?: string }>;
  forbidYear?: number;
  rankFirstAny?: ExpectedFigure[];
  rankSecond?: ExpectedFigure;
  mentions?: string[];
  mentionsNumber?: number;
  /** Extension of the public format: the intent the answer must carry. */
  intent?: string;
}

/** One conversation of the question set. */
export interface QuestionCase {
  id: string;
  turns: string[];
  expect: Expectation;
}

// The same rules as shared/tools/check_questions.py, so the suite and the held-out scorer agree.
const ALIASES: Record<string, string> = {
  valtuusto: 'kaupunginvaltuusto',
  hallitus: 'kaupunginhallitus',
  'itä-lapin ky': 'itä-lapin kuntayhtymä',
  'hallinto- ja tukipalvelut yhteensä': 'hallinto- ja tukipalvelut',
  yhteensä: 'hallinto- ja tukipalvelut',
  palvelualue: 'hallinto- ja tukipalvelut',
};

function norm(s: unknown): string {
  const t = String(s ?? '')
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return ALIASES[t] ?? t;
}

function num(x: unknown): number | null {
  const n = Number(
    String(x)
      .replace(/[ \u00a0]/g, '')
      .replace(',', '.'),
  );
  return String(x).trim() === '' || Number.isNaN(n) ? null : n;
}

function figMatches(exp: ExpectedFigure, f: Answer['figures'][number]): boolean {
  if (num(f.amount) !== exp.amount) return false;
  if (exp.year !== undefined && f.year !== exp.year) return false;
  const names = `${norm(f.costCentre)} | ${norm(f.account)}`;
  const cc = norm(exp.cc);
  const acc = norm(exp.acc);
  if (
    cc &&
    !names.includes(cc) &&
    !(cc === 'hallinto- ja tukipalvelut' && ['', 'hallinto- ja tukipalvelut'].includes(norm(f.costCentre)))
  )
    return false;
  if (acc && !names.includes(acc)) return false;
  return true;
}

/** Python's json.dumps(ensure_ascii=False) spacing, so "mentions" sees the text as the scorer does. */
function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/** Scores the last answer of a conversation: "ok", "wrong" or "abstain", with the reason. */
export function scoreAnswer(e: Expectation, ans: Answer): { kind: 'ok' | 'wrong' | 'abstain'; why: string } {
  if (e.anyOf) {
    const results = e.anyOf.map((alt) => scoreAnswer(alt, ans));
    return results.find((r) => r.kind === 'ok') ?? results[0] ?? { kind: 'abstain', why: 'no alternatives' };
  }
  const want = Array.isArray(e.status) ? e.status : e.status === undefined ? [] : [e.status];
  const figs = ans.figures ?? [];
  if (!want.includes(ans.status)) {
    const kind = ans.status === 'answer' ? 'wrong' : 'abstain';
    return { kind, why: `status ${ans.status}, wanted ${want.join('/')}` };
  }
  for (const f of e.forbid ?? [])
    if (figs.some((g) => num(g.amount) === f.amount))
      return { kind: 'wrong', why: `forbidden figure ${f.amount} present` };
  if (e.forbidYear !== undefined && figs.some((g) => g.year === e.forbidYear))
    return { kind: 'wrong', why: `figure for year ${e.forbidYear} invented` };
  const groups = e.figuresAny ?? (e.figures ? [e.figures] : []);
  if (groups.length > 0 && !groups.some((grp) => grp.every((x) => figs.some((g) => figMatches(x, g)))))
    return { kind: 'wrong', why: `expected figures missing: ${JSON.stringify(groups)}` };
  if (e.rankFirstAny) {
    const first = figs[0];
    if (!first || !e.rankFirstAny.some((x) => figMatches(x, first)))
      return { kind: 'wrong', why: `first ranked figure is ${JSON.stringify(figs.slice(0, 1))}` };
  }
  if (e.rankSecond) {
    const second = figs[1];
    if (!second || !figMatches(e.rankSecond, second))
      return { kind: 'wrong', why: `second ranked figure is ${JSON.stringify(figs.slice(1, 2))}` };
  }
  if (e.intent !== undefined && ans.intent !== e.intent)
    return { kind: 'wrong', why: `intent ${ans.intent}, wanted ${e.intent}` };
  const text = norm(pyJson(ans));
  for (const m of e.mentions ?? [])
    if (!text.includes(norm(m))) return { kind: 'wrong', why: `does not mention ${m}` };
  if (e.mentionsNumber !== undefined) {
    const digits = text.replace(/[\s\u00a0\u202f]/g, '');
    // English thousands separators ("€106,304.55") as the scorer drops them.
    const bare = digits.replace(/[,.]/g, '');
    const n = e.mentionsNumber;
    if (!digits.includes(String(n)) && !bare.includes(String(n)) && !digits.includes((n / 1000).toFixed(1)))
      return { kind: 'wrong', why: `does not mention ${n}` };
  }
  return { kind: 'ok', why: '' };
}
