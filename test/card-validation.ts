// Validators for rendered cards, shared by the card tests: the adaptivecards library itself at
// version 1.5 (what the JS renderer and the preview use) and the JSON schema of Adaptive Cards 1.5.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

/** Element types that only Teams knows; each must carry a `fallback` for other clients. */
export const TEAMS_ONLY_TYPES = new Set([
  'Chart.VerticalBar',
  'Chart.Line',
  'Chart.Pie',
  'Chart.Donut',
  'Chart.HorizontalBar',
  'Chart.VerticalBar.Grouped',
]);

interface AcEvent {
  message: string;
}
interface AcCard {
  parse(json: unknown, ctx: unknown): void;
  validateProperties(): { validationEvents: AcEvent[] };
}
interface AcModule {
  AdaptiveCard: new () => AcCard;
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): AcEvent };
  Versions: { v1_5: unknown };
}

/** Parses with the adaptivecards library at 1.5 and returns its complaints; unknown Teams-only types with a fallback are allowed. */
export function adaptiveCardsProblems(card: unknown): string[] {
  const AC = require('adaptivecards/dist/adaptivecards.js') as AcModule;
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const msg = ctx.getEventAt(i).message;
    const teamsOnly = [...TEAMS_ONLY_TYPES].some((t) => msg.includes(`"${t}"`));
    if (!teamsOnly) problems.push(msg);
  }
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}

let validate: ValidateFunction | undefined;

/** What a client without Teams extensions sees: Teams-only elements replaced by their fallback, `msteams` dropped. */
export function withoutTeamsExtensions(node: unknown): unknown {
  // An element whose fallback is "drop" is left out where it is not known.
  if (Array.isArray(node))
    return node
      .filter(
        (n) =>
          !(
            n &&
            typeof n === 'object' &&
            TEAMS_ONLY_TYPES.has(String((n as Record<string, unknown>).type)) &&
            (n as Record<string, unknown>).fallback === 'drop'
          ),
      )
      .map(withoutTeamsExtensions);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (typeof o.type === 'string' && TEAMS_ONLY_TYPES.has(o.type)) return withoutTeamsExtensions(o.fallback);
  // Teams' searchable choice list; other clients show it as the compact one.
  if (o.type === 'Input.ChoiceSet' && o.style === 'filtered')
    return withoutTeamsExtensions({ ...o, style: 'compact' });
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    if (k !== 'msteams' || o.type === undefined) out[k] = withoutTeamsExtensions(v);
  return out;
}

/** Validates with ajv against the Adaptive Cards 1.5 schema (a copy of ../shared/schemas/adaptive-card-1.5.0.json); returns the errors. */
export function schemaProblems(card: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(
      readFileSync(new URL('./fixtures/schemas/adaptive-card-1.5.0.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    // The schema is draft-06 and names itself with "id"; ajv 8 wants "$id" or nothing.
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    validate = ajv.compile(schema);
  }
  const root = withoutTeamsExtensions(card) as Record<string, unknown>;
  const { msteams: _teams, ...rest } = root;
  if (validate(rest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}
