import type { AdaptiveCard } from './adaptive-card';

/**
 * Longest button title Teams shows whole: on a 360 px phone two buttons share a row and a
 * longer title is cut with an ellipsis. Every card keeps to it (a test walks every card).
 */
export const MAX_BUTTON_TITLE_CHARS = 25;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function titleOf(action: Json): string {
  return typeof action.title === 'string' ? action.title : '';
}

/**
 * A long choice as a tappable row: the whole text wraps instead of being cut, and tapping it
 * runs the same action. TextRun, not TextBlock: names and questions are never read as markdown.
 */
function actionRow(action: Json): Json {
  return {
    type: 'Container',
    spacing: 'Small',
    selectAction: action,
    items: [
      {
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: `› ${titleOf(action)}`, color: 'accent', weight: 'Bolder' }],
      },
    ],
  };
}

/** Splits actions into the ones that fit a button and rows for the rest (order kept within each). */
function split(actions: unknown[]): { buttons: unknown[]; rows: Json[] } {
  const buttons: unknown[] = [];
  const rows: Json[] = [];
  for (const a of actions) {
    // Toggles and other non-button actions stay where they are.
    if (isObject(a) && a.type === 'Action.Execute' && titleOf(a).length > MAX_BUTTON_TITLE_CHARS)
      rows.push(actionRow(a));
    else buttons.push(a);
  }
  return { buttons, rows };
}

/**
 * Rewrites a list of body elements, replacing each ActionSet that holds long titles. Copy on
 * write: a list with nothing to change (most cards) comes back as it is, not copied element by
 * element.
 */
function fitElements(elements: unknown[]): unknown[] {
  let out: unknown[] | null = null;
  for (let k = 0; k < elements.length; k++) {
    const e = elements[k];
    const fitted = isObject(e) ? fitElement(e) : undefined;
    if (fitted === undefined) {
      out?.push(e);
      continue;
    }
    out ??= elements.slice(0, k);
    for (const f of fitted) out.push(f);
  }
  return out ?? elements;
}

/** What an element becomes (one or two elements), or undefined when it stays as it is. */
function fitElement(e: Json): Json[] | undefined {
  if (e.type === 'ActionSet' && Array.isArray(e.actions)) {
    const { buttons, rows } = split(e.actions);
    if (rows.length > 0) {
      const container: Json = { type: 'Container', spacing: e.spacing ?? 'Small', items: rows };
      return buttons.length > 0 ? [container, { ...e, actions: buttons }] : [container];
    }
  }
  let copy: Json | undefined;
  if (Array.isArray(e.items)) {
    const items = fitElements(e.items);
    if (items !== e.items) copy = { ...e, items };
  }
  if (Array.isArray(e.columns)) {
    let changed = false;
    const columns = e.columns.map((c) => {
      if (!isObject(c) || !Array.isArray(c.items)) return c;
      const items = fitElements(c.items);
      if (items === c.items) return c;
      changed = true;
      return { ...c, items };
    });
    if (changed) {
      copy ??= { ...e };
      copy.columns = columns;
    }
  }
  return copy === undefined ? undefined : [copy];
}

/**
 * Makes every button title fit a phone: an action whose title is longer than
 * MAX_BUTTON_TITLE_CHARS becomes a tappable row in the body (full text, same action), the
 * others stay buttons. One rule for every card, whatever the labels a city's data gives.
 */
export function fitActions(card: AdaptiveCard): AdaptiveCard {
  const body = fitElements(card.body);
  if (!Array.isArray(card.actions)) return { ...card, body };
  const { buttons, rows } = split(card.actions);
  const fitted: AdaptiveCard = {
    ...card,
    body: rows.length > 0 ? [...body, { type: 'Container', spacing: 'Medium', items: rows }] : body,
  };
  if (buttons.length > 0) fitted.actions = buttons;
  else delete fitted.actions;
  return fitted;
}
