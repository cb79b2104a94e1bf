// What is wrong with a settings file, in words that name the field and the value, read from its
// text before conf (or a one-shot command) acts on it. conf's own errors are ajv's ("must be
// integer") and come after conf has already merged defaults into the file, or from inside a
// migration ("Something went wrong during the migration"); neither tells a person what to fix.
//
// The check reads SETTINGS_SCHEMA, the same schema conf validates with, so a field added there
// is checked here too. It knows the keywords that schema uses (SCHEMA_KEYWORDS_CHECKED; a test
// fails when the schema starts using another).
import { ACCOUNT_ID } from '../aws-shapes/arn';
import { EXTERNAL_ID, REGION } from '../aws-shapes/request-fields';
import { normaliseHandWritten, writtenBeforeVersions } from './migrations';
import { SETTINGS_SCHEMA } from './schema';

export interface FieldProblem {
  /** The top-level setting it is in, e.g. "accounts". */
  key: string;
  /** e.g. `defaultSessionSeconds is "abc"; expected a number of seconds from 900 to 43200` */
  text: string;
}

export type SettingsFileCheck =
  /** Nothing in it (an empty or blank file): the defaults, and nothing to rescue. */
  | { kind: 'empty' }
  /** Not a settings object at all: not JSON, or JSON that is not an object. */
  | { kind: 'unusable'; reason: string }
  /**
   * An object: `values` as rolecall will read them (hand-written forms normalised as the 1.0.0
   * migration will), without the fields in `problems`.
   */
  | { kind: 'object'; values: Record<string, unknown>; problems: FieldProblem[] };

export const SCHEMA_KEYWORDS_CHECKED = new Set([
  'type',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'items',
  'maxItems',
  'uniqueItems',
  'properties',
  'required',
  'propertyNames',
  'additionalProperties',
]);

/** conf keeps its own bookkeeping (the migration version) under this key. */
const CONF_INTERNAL_KEY = '__internal__';

export function checkSettingsText(text: string): SettingsFileCheck {
  if (text.trim() === '') return { kind: 'empty' };
  let parsed: unknown;
  if (text.startsWith('\uFEFF')) {
    return {
      kind: 'unusable',
      reason: 'begins with a byte-order mark, which JSON does not allow (save it as UTF-8 without BOM)',
    };
  }
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'unusable', reason: `was not valid JSON${lineOf(text, error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      kind: 'unusable',
      reason: `held ${shown(parsed)}, not the object of settings rolecall writes ({"defaultRegion": …})`,
    };
  }
  const stored = parsed as Record<string, unknown>;
  const values = writtenBeforeVersions(stored) ? normaliseHandWritten(stored) : { ...stored };
  const problems: FieldProblem[] = [];
  const schema = SETTINGS_SCHEMA as Record<string, Schema>;
  for (const [key, value] of Object.entries(values)) {
    // Keys rolecall does not know (a newer version's, say) are kept and left alone, as conf does.
    const fieldSchema = key === CONF_INTERNAL_KEY ? undefined : schema[key];
    if (!fieldSchema) continue;
    const problem = problemWith(value, fieldSchema, key, key);
    if (problem) {
      // Named as the person wrote it ("Mars"), not as normalised ("mars").
      problems.push({ key, text: problemWith(stored[key], fieldSchema, key, key) ?? problem });
      delete values[key];
    }
  }
  return { kind: 'object', values, problems };
}

/**
 * Why conf's schema would refuse `value` for the setting `key`, in the same words; undefined when
 * it would not (a key rolecall does not know included, as conf keeps those).
 */
export function valueProblem(key: string, value: unknown): string | undefined {
  if (key === CONF_INTERNAL_KEY) return `${key} is conf's own bookkeeping; it is not a setting`;
  const fieldSchema = (SETTINGS_SCHEMA as Record<string, Schema>)[key];
  return fieldSchema ? problemWith(value, fieldSchema, key, key) : undefined;
}

/** Problems as one clause for a sentence: the first few, and how many more. */
export function describeProblems(problems: readonly FieldProblem[], shownAtMost = 3): string {
  const first = problems.slice(0, shownAtMost).map((p) => p.text);
  const more = problems.length - first.length;
  return more > 0 ? `${first.join('; ')}; and ${more} more` : first.join('; ');
}

interface Schema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: Schema;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  propertyNames?: Schema;
  additionalProperties?: Schema | boolean;
}

function problemWith(value: unknown, schema: Schema, key: string, path: string): string | undefined {
  const wrong = () => `${path} is ${shown(value)}; expected ${expected(schema, key)}`;
  if (schema.enum && !schema.enum.includes(value)) return wrong();
  if (schema.type !== undefined && kindOf(value, schema.type) !== schema.type) return wrong();
  // As in JSON schema, each keyword applies to values of its kind (propertyNames has no type).
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return wrong();
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return wrong();
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return wrong();
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return wrong();
    if (schema.maximum !== undefined && value > schema.maximum) return wrong();
  }
  if (Array.isArray(value)) return arrayProblem(value, schema, key, path);
  if (typeof value === 'object' && value !== null) {
    return objectProblem(value as Record<string, unknown>, schema, key, path);
  }
  return undefined;
}

function arrayProblem(value: unknown[], schema: Schema, key: string, path: string): string | undefined {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    return `${path} has ${value.length} entries; expected at most ${schema.maxItems}`;
  }
  for (const [index, item] of value.entries()) {
    const problem = schema.items && problemWith(item, schema.items, key, `${path}[${index}]`);
    if (problem) return problem;
  }
  if (schema.uniqueItems) {
    const twice = value.find((item, index) => value.indexOf(item) !== index);
    if (twice !== undefined) return `${path} lists ${shown(twice)} twice; expected each once`;
  }
  return undefined;
}

function objectProblem(
  value: Record<string, unknown>,
  schema: Schema,
  key: string,
  path: string,
): string | undefined {
  const missing = schema.required?.find((name) => !Object.hasOwn(value, name));
  if (missing !== undefined) return `${path} has no ${missing}; expected one`;
  for (const [name, item] of Object.entries(value)) {
    if (schema.propertyNames && problemWith(name, schema.propertyNames, key, path)) {
      return `${path} has the key ${shown(name)}; expected ${expected(schema.propertyNames, key)}`;
    }
    const itemSchema = schema.properties?.[name] ?? schema.additionalProperties;
    if (itemSchema === false) {
      const allowed = Object.keys(schema.properties ?? {}).join(', ');
      return `${path} has the key ${shown(name)}; expected only ${allowed}`;
    }
    if (itemSchema === undefined || itemSchema === true) continue;
    const at = `${path}${/^[\w-]+$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`}`;
    const problem = problemWith(item, itemSchema, key, at);
    if (problem) return problem;
  }
  return undefined;
}

/** A value's JSON schema type (an integer is also a number). */
function kindOf(value: unknown, wanted: NonNullable<Schema['type']>): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'not a number';
    return wanted === 'integer' && Number.isInteger(value) ? 'integer' : 'number';
  }
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** What the schema accepts, as a person would say it. */
function expected(schema: Schema, key: string): string {
  if (schema.enum) return `one of ${schema.enum.map((v) => String(v)).join(', ')}`;
  const words = schema.pattern !== undefined ? PATTERN_WORDS.get(schema.pattern) : undefined;
  if (words) return words;
  switch (schema.type) {
    case 'string': {
      if (schema.pattern !== undefined) return `text of the form /${schema.pattern}/`;
      if (schema.minLength !== undefined || schema.maxLength !== undefined) {
        return `text of ${schema.minLength ?? 0} to ${schema.maxLength ?? 'any number of'} characters`;
      }
      return 'text';
    }
    case 'integer':
    case 'number': {
      const unit = /Seconds$/.test(key) ? 'seconds' : /Ms$/.test(key) ? 'milliseconds' : undefined;
      const what = unit ? `a number of ${unit}` : schema.type === 'integer' ? 'a whole number' : 'a number';
      if (schema.minimum !== undefined && schema.maximum !== undefined) {
        return `${what} from ${schema.minimum} to ${schema.maximum}`;
      }
      if (schema.minimum !== undefined) return `${what} of at least ${schema.minimum}`;
      if (schema.maximum !== undefined) return `${what} of at most ${schema.maximum}`;
      return what;
    }
    case 'boolean':
      return 'true or false';
    case 'array':
      return schema.items?.type === 'string' ? 'a list of texts ["…", "…"]' : 'a list [ … ]';
    case 'object':
      return 'an object { … }';
    default:
      return 'another value';
  }
}

const PATTERN_WORDS = new Map([
  [REGION.source, 'a region name such as us-east-1'],
  [ACCOUNT_ID.source, 'a 12-digit account ID'],
  [EXTERNAL_ID.source, 'an external ID: 2 to 1224 letters, digits or + = , . @ : / _ -'],
]);

/** A value as it was written, cut short: the message goes on one line. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** " (line 3)" from V8's "… in JSON at position 41 (line 3 column 2)", else nothing. */
function lineOf(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input/.test(message)) return ' (it ends too soon)';
  const at = /at position (\d+)/.exec(message);
  if (!at) return '';
  const line = text.slice(0, Number(at[1])).split('\n').length;
  return ` (line ${line})`;
}
