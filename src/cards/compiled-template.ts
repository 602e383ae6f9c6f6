/**
 * Card templates expanded without evaluating each binding through adaptive-expressions. The
 * Adaptive Cards templating library parses a template once but evaluates every `${…}` on
 * every expansion with the general expression engine (a memory object per binding, property
 * names compared case-insensitively by scanning keys): half the time of a whole answer. The
 * bindings our templates use are few kinds (paths, !, ||, &&, if(…) and text around them), so
 * each is compiled once into a small function that gives the same value, and the expansion
 * (`$data`, `$when`, `$index`, `$root`) follows the library's own rules step by step.
 *
 * A template with any other kind of binding (a city may write `${formatNumber(…)}`) is expanded
 * by the library itself, so every template still means what the Adaptive Cards Template
 * Language says; test/compiled-template.test.ts holds both to the same output.
 */
import { type Expression, ExpressionType } from 'adaptive-expressions';
import * as ACData from 'adaptivecards-templating';

/** What an expansion sees: the data, and the current `$data` (at first the data itself) and `$index`. */
interface Scope {
  $root: unknown;
  $data: unknown;
  $index: unknown;
}

/** A compiled binding: its value in a scope, with or without the library's undefined-field substitution. */
type Evaluate = (scope: Scope, substitute: boolean) => unknown;

/** A template node made ready: constants, bindings, arrays, objects with their `$data` and `$when`. */
type Node =
  | { kind: 'value'; value: unknown }
  | { kind: 'binding'; evaluate: Evaluate | null; concat: Evaluate[] | null }
  | { kind: 'array'; items: Node[] }
  | { kind: 'object'; entries: Array<[string, Node]>; data: Node | undefined; when: Node | undefined };

/** A binding kind this module does not compile; the template goes to the library instead. */
class NotCompiled extends Error {}

/** The fields of a template object the library treats as directives, not output. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

/** adaptive-expressions' truth: false, null and undefined are false; everything else (0, '') true. */
function isLogicTrue(value: unknown): boolean {
  return typeof value === 'boolean' ? value : value !== null && value !== undefined;
}

/**
 * A property as adaptive-expressions reads it: the first key equal to the name but for case
 * (usually the exact one; compared by length first, as lower-casing every key is the cost).
 */
function property(instance: unknown, name: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const exact: unknown = instance.get(name);
    if (exact !== undefined) return exact;
    const key = [...instance.keys()].find((k) => String(k).toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : instance.get(key);
  }
  const record = instance as Record<string, unknown>;
  let lower: string | null = null;
  // for…in rather than Object.keys: no array per read (data models have no inherited keys).
  for (const key in record) {
    if (key.length !== name.length || !Object.hasOwn(record, key)) continue;
    if (key === name) return record[key];
    lower ??= name.toLowerCase();
    if (key.toLowerCase() === lower) return record[key];
  }
  return undefined;
}

/** The `$` variables of the library's memory this module knows; others are left to the library. */
const VARIABLES = new Set(['$root', '$data', '$index']);

/** The value of a path such as `title`, `deep.a.b`, `$index` or `$root.year` in a scope. */
function pathValue(scope: Scope, variable: string | null, parts: readonly string[]): unknown {
  // As the library's memory does: a path not naming a `$` variable is read from `$data`.
  let value: unknown =
    variable === '$root' ? scope.$root : variable === '$index' ? scope.$index : scope.$data;
  for (const part of parts) {
    const index = Number.parseInt(part, 10);
    if (!Number.isNaN(index) && Array.isArray(value)) value = index >= 0 ? value[index] : undefined;
    else value = property(value, part);
    if (value === undefined) return undefined;
  }
  return value;
}

/** Compiles one adaptive-expressions tree of a supported kind into a function. */
function compileExpression(expression: Expression): Evaluate {
  switch (expression.type) {
    case ExpressionType.Constant: {
      const value = (expression as unknown as { value: unknown }).value;
      return () => value;
    }
    case ExpressionType.Accessor: {
      const path = accessorPath(expression);
      const parts = path.split(/[.[\]]+/).filter((p) => p !== '');
      let variable: string | null = null;
      if (parts[0]?.startsWith('$')) {
        variable = parts[0].toLowerCase();
        if (!VARIABLES.has(variable)) throw new NotCompiled(variable);
        parts.shift();
      }
      const substitution = `\${${path}}`;
      return (scope, substitute) => {
        const value = pathValue(scope, variable, parts);
        return value === undefined && substitute ? substitution : value;
      };
    }
    case ExpressionType.Not: {
      const [child] = expression.children.map(compileExpression);
      if (!child) throw new NotCompiled('!');
      return (scope) => !isLogicTrue(child(scope, false));
    }
    case ExpressionType.Or: {
      const children = expression.children.map(compileExpression);
      return (scope) => {
        // The library keeps the last value read when none is true (false, null or undefined).
        let result: unknown = false;
        for (const child of children) {
          result = child(scope, false);
          if (isLogicTrue(result)) return true;
        }
        return result;
      };
    }
    case ExpressionType.And: {
      const children = expression.children.map(compileExpression);
      return (scope) => children.every((child) => isLogicTrue(child(scope, false)));
    }
    case ExpressionType.If: {
      const [condition, then, otherwise] = expression.children.map(compileExpression);
      if (!condition || !then || !otherwise || expression.children.length !== 3) throw new NotCompiled('if');
      return (scope, substitute) =>
        isLogicTrue(condition(scope, false)) ? then(scope, substitute) : otherwise(scope, substitute);
    }
    default:
      throw new NotCompiled(expression.type);
  }
}

/** The dotted path of an accessor made of names only (`a.b.c`); anything else is not compiled. */
function accessorPath(expression: Expression): string {
  const [name, instance] = expression.children;
  const value = (name as unknown as { value?: unknown } | undefined)?.value;
  if (name?.type !== ExpressionType.Constant || typeof value !== 'string' || expression.children.length > 2)
    throw new NotCompiled('accessor');
  if (!instance) return value;
  if (instance.type !== ExpressionType.Accessor) throw new NotCompiled('accessor');
  return `${accessorPath(instance)}.${value}`;
}

/** Prepares a template node as the library does (strings parsed where they hold `${`), then compiles it. */
function compileNode(node: unknown): Node {
  if (typeof node === 'string') {
    const parsed: unknown = ACData.Template.parseInterpolatedString(node);
    if (typeof parsed === 'string') return { kind: 'value', value: parsed };
    const expression = parsed as Expression;
    if (expression.type === ExpressionType.Concat)
      return { kind: 'binding', evaluate: null, concat: expression.children.map(compileExpression) };
    return { kind: 'binding', evaluate: compileExpression(expression), concat: null };
  }
  if (Array.isArray(node)) return { kind: 'array', items: node.map(compileNode) };
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    return {
      kind: 'object',
      entries: Object.keys(record)
        .filter((key) => !RESERVED.has(key))
        .map((key) => [key, compileNode(record[key])]),
      data: '$data' in record ? compileNode(record.$data) : undefined,
      when: '$when' in record ? compileNode(record.$when) : undefined,
    };
  }
  return { kind: 'value', value: node };
}

/** A binding's value where the library allows substitution (`${missing}` stays as written). */
function bindingValue(node: Extract<Node, { kind: 'binding' }>, scope: Scope): unknown {
  if (node.evaluate) return node.evaluate(scope, true);
  let text = '';
  // The library joins the parts with toString(): a null part throws, as it does there.
  for (const part of node.concat ?? []) text += (part(scope, true) as { toString(): string }).toString();
  return text;
}

/**
 * Whether a `$when` keeps its object: a binding whose value is exactly true (no substitution;
 * text around a binding makes a string, never a boolean), or a literal that is falsy (the
 * library drops an object for any truthy `$when` that is not a binding).
 */
function whenHolds(when: Node, scope: Scope): boolean {
  if (when.kind === 'binding') return when.evaluate !== null && when.evaluate(scope, false) === true;
  return when.kind === 'value' ? !when.value : false;
}

/** Expands a compiled node in a scope, step for step as adaptivecards-templating's internalExpand. */
function expandNode(node: Node, scope: Scope): unknown {
  const savedData = scope.$data;
  const savedIndex = scope.$index;
  let result: unknown;
  switch (node.kind) {
    case 'value':
      result = node.value;
      break;
    case 'binding':
      result = bindingValue(node, scope);
      break;
    case 'array': {
      let items: unknown[] = [];
      for (const item of node.items) {
        const expanded = expandNode(item, scope);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) items = items.concat(expanded);
        else items.push(expanded);
      }
      result = items;
      break;
    }
    case 'object': {
      if (node.data === undefined) {
        // No `$data`: one object in the same scope, or none (what the loop below gives for one
        // context, without its arrays: most objects of a card are of this kind).
        if (node.when !== undefined && !whenHolds(node.when, scope)) result = null;
        else result = expandEntries(node.entries, scope);
        break;
      }
      let contexts: unknown[];
      let repeat = false;
      if (node.data === undefined) contexts = [undefined];
      else {
        const data = node.data.kind === 'binding' ? bindingValue(node.data, scope) : expandLiteral(node.data);
        if (Array.isArray(data)) {
          contexts = data;
          repeat = true;
        } else contexts = [data];
      }
      const out: unknown[] = [];
      for (let i = 0; i < contexts.length; i++) {
        if (repeat) scope.$index = i;
        if (contexts[i] !== undefined) scope.$data = contexts[i];
        const keep = node.when === undefined ? true : whenHolds(node.when, scope);
        if (keep) out.push(expandEntries(node.entries, scope));
      }
      result = out.length === 0 ? null : out.length === 1 ? out[0] : out;
      break;
    }
  }
  scope.$data = savedData;
  scope.$index = savedIndex;
  return result;
}

/** An object's fields expanded in a scope; a field whose value is undefined is left out. */
function expandEntries(entries: Array<[string, Node]>, scope: Scope): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, child] of entries) {
    const value = expandNode(child, scope);
    if (value !== undefined) object[key] = value;
  }
  return object;
}

/** A literal `$data` (not a binding) as the library would use it: the prepared value itself. */
function expandLiteral(node: Node): unknown {
  if (node.kind === 'value') return node.value;
  throw new NotCompiled('literal $data');
}

/** A template ready to expand with data. */
export interface CardTemplate {
  expand(data: object): unknown;
  /** True when the template's bindings were compiled; false when the library expands it. */
  readonly compiled: boolean;
}

/** Prepares a template: compiled when every binding is of a kind compiled here, else the library's. */
export function prepareTemplate(payload: unknown): CardTemplate {
  try {
    const root = compileNode(payload);
    checkCompiled(root);
    return {
      compiled: true,
      expand: (data) => expandNode(root, { $root: data, $data: data, $index: undefined }),
    };
  } catch (err) {
    if (!(err instanceof NotCompiled)) throw err;
    const template = new ACData.Template(payload);
    return { compiled: false, expand: (data) => template.expand({ $root: data }) };
  }
}

/** Throws NotCompiled for a `$data` literal that is itself an object or array (the library prepares those). */
function checkCompiled(node: Node): void {
  if (node.kind === 'array') for (const item of node.items) checkCompiled(item);
  if (node.kind === 'object') {
    if (node.data && node.data.kind !== 'binding' && node.data.kind !== 'value')
      throw new NotCompiled('$data');
    if (node.data) checkCompiled(node.data);
    for (const [, child] of node.entries) checkCompiled(child);
  }
}
