// An existing trust policy, read back into the builder's draft: what the form has fields for
// becomes fields, and every statement it could not write again as it is is kept whole, verbatim,
// after the form's own statements. A statement is taken into the draft only when the form would
// write back a statement that means the same (checked by writing it: trustPolicyOf), so what the
// form then saves allows and denies exactly what the document did.
import {
  emptyTrustDraft,
  oidcHost,
  SAML_AUDIENCE,
  type TrustDraft,
  type TrustPrincipal,
  trustPolicyOf,
} from './draft';

/** A statement of the document, as it was written. */
export type KeptStatement = Record<string, unknown>;

/** The document's top-level members other than Statement (Version, Id), as read, in its order. */
export type DocumentFrame = Record<string, unknown>;

export interface DocumentDraft {
  draft: TrustDraft;
  /** Written back around the statements, so a save keeps the document's Id and Version. */
  frame: DocumentFrame;
  /** Statements the form cannot express, verbatim, in the document's order. */
  kept: KeptStatement[];
  /** Beside `kept`, one for one: why the form has no field for it, in words. */
  notes: string[];
}

export type DraftFromDocument =
  | ({ ok: true } & DocumentDraft)
  /** Not JSON, or not a trust policy; `line` (1-based) when the JSON itself is broken. */
  | { ok: false; problem: string; line?: number };

const VERSION = '2012-10-17';
/**
 * The Version IAM assumes when there is none. Under it, ${…} is literal text; under 2012-10-17 it
 * is a policy variable [iam-ug reference_policies_elements_version, reference_policies_variables].
 * That is the only difference between the two.
 */
const OLD_VERSION = '2008-10-17';
const AWS_ACTIONS = ['sts:AssumeRole'];
const EXTRA_ACTIONS = new Set(['sts:TagSession', 'sts:SetSourceIdentity']);

/** What one statement would put in the draft, when the form can write it again. */
interface Reading {
  kind: 'aws' | 'service' | 'saml' | 'oidc';
  principals: TrustPrincipal[];
  fields: Partial<Omit<TrustDraft, 'principals'>>;
}

export function draftFromDocument(text: string): DraftFromDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = lineOfJsonError(text, message);
    return { ok: false, problem: `It is not JSON: ${message}`, ...(line ? { line } : {}) };
  }
  if (!isObject(document)) return { ok: false, problem: 'It is not a policy: the JSON is not an object.' };
  const statements = Array.isArray(document.Statement)
    ? document.Statement
    : isObject(document.Statement)
      ? [document.Statement]
      : undefined;
  if (!statements) return { ok: false, problem: 'It is not a policy: it has no Statement.' };
  if (!statements.every(isObject))
    return { ok: false, problem: 'It is not a policy: a statement is not a JSON object.' };
  if (statements.some((s) => 'Resource' in s || 'NotResource' in s) && !statements.some(hasPrincipal))
    return {
      ok: false,
      problem:
        'It is not a trust policy: its statements name a Resource and no Principal (a permissions policy?).',
    };

  const { Statement: _, ...frame } = document;
  const version = document.Version;
  const known = version === VERSION || version === OLD_VERSION || version === undefined;
  // Under an older Version a statement means the same under the form's only when it holds no ${…}.
  const readings = statements.map((s) =>
    !known
      ? undefined
      : version !== VERSION && JSON.stringify(s).includes('${')
        ? `under its Version ${JSON.stringify(version ?? null)} the \${…} in it are literal text, which the form does not write`
        : readStatement(s),
  );
  if (!known)
    return {
      ok: true,
      draft: emptyTrustDraft(),
      frame,
      kept: statements,
      notes: statements.map(
        () => `the document's Version is ${JSON.stringify(version)}, which the form does not know`,
      ),
    };

  // Take statements one by one; one that does not fit with those taken (a second of its kind, a
  // shared condition set differently) is kept. Then check that the draft writes each taken one
  // back; one that is not is kept, and the rest tried again (at most once per statement).
  const taken = new Set<number>();
  const reasons = new Map<number, string>();
  readings.forEach((reading, i) => {
    if (typeof reading === 'string') reasons.set(i, reading);
    else if (reading) taken.add(i);
  });
  for (let round = 0; round <= statements.length; round += 1) {
    const { draft, clashes } = combine(readings, taken);
    for (const [i, why] of clashes) {
      taken.delete(i);
      reasons.set(i, why);
    }
    if (clashes.size) continue;
    const written = trustPolicyOf(draft).Statement.map(canonical);
    const unmatched = [...taken].filter((i) => !written.includes(canonical(statements[i])));
    if (unmatched.length === 0 && written.length === taken.size) {
      const kept = statements.filter((_, i) => !taken.has(i));
      const notes = statements.flatMap((_, i) =>
        taken.has(i) ? [] : [reasons.get(i) ?? 'the form would write it differently'],
      );
      return { ok: true, draft, frame, kept, notes };
    }
    // The last one taken that the draft does not write back as it was goes first.
    const drop = unmatched.at(-1) ?? [...taken].at(-1);
    if (drop === undefined) break;
    taken.delete(drop);
    reasons.set(drop, 'the form would write it differently (its values, or how they are shared)');
  }
  return {
    ok: true,
    draft: emptyTrustDraft(),
    frame,
    kept: statements,
    notes: statements.map(() => 'the form would write it differently'),
  };
}

/**
 * The document the form makes: the draft's statements, then the ones kept as written, inside the
 * document's own members (its Id; its Version, unless the form's statements need 2012-10-17's).
 */
export function documentWithKept(
  draft: TrustDraft,
  kept: readonly KeptStatement[],
  /** The document's members as read (draftFromDocument's `frame`); none for a new document. */
  frame?: DocumentFrame,
): string {
  const made = trustPolicyOf(draft);
  const version = versionFor(made.Statement, frame);
  const { Version: _, ...rest } = { Version: undefined, ...frame };
  // Version first, as IAM and the form write it; an absent one stays absent.
  const document = { ...(version === undefined ? {} : { Version: version }), ...rest };
  return JSON.stringify({ ...document, Statement: [...made.Statement, ...kept] }, null, 2);
}

/**
 * Why the document cannot be written without changing what a kept statement means: the form's
 * statements need 2012-10-17 (a ${…} typed in a field) and a kept one, under the document's older
 * Version, has ${…} that would turn from text into a policy variable. Undefined when it can.
 */
export function versionClash(
  draft: TrustDraft,
  kept: readonly KeptStatement[],
  frame: DocumentFrame | undefined,
): string | undefined {
  const made = trustPolicyOf(draft);
  if (!frame || frame.Version === VERSION || versionFor(made.Statement, frame) !== VERSION) return undefined;
  if (!kept.some((s) => JSON.stringify(s).includes('${'))) return undefined;
  const was = frame.Version === undefined ? 'none (so 2008-10-17)' : String(frame.Version);
  return `The document's Version is ${was}; a \${…} typed in the form needs ${VERSION}, under which the \${…} in the kept statements become policy variables. Take the \${…} out of the form's fields, or edit the document by hand.`;
}

/** The Version to write: 2012-10-17 when the form's statements hold a policy variable; else the document's own. */
function versionFor(made: readonly unknown[], frame: DocumentFrame | undefined): unknown {
  if (!frame || frame.Version === VERSION) return VERSION;
  return JSON.stringify(made).includes('${') ? VERSION : frame.Version;
}

function combine(
  readings: ReadonlyArray<Reading | string | undefined>,
  taken: ReadonlySet<number>,
): { draft: TrustDraft; clashes: Map<number, string> } {
  const draft: TrustDraft = { ...emptyTrustDraft(), principals: [] };
  const set = new Map<string, number>();
  const clashes = new Map<number, string>();
  const seen = new Set<string>();
  for (const i of taken) {
    const reading = readings[i];
    if (!reading || typeof reading === 'string') continue;
    if (reading.kind !== 'oidc' && seen.has(reading.kind)) {
      clashes.set(i, `the form writes one statement for ${KIND_WORDS[reading.kind]}, and this is another`);
      continue;
    }
    const clash = Object.entries(reading.fields).find(([key, value]) => {
      const before = set.get(key);
      return before !== undefined && draft[key as keyof typeof reading.fields] !== value;
    });
    if (clash) {
      clashes.set(
        i,
        `its ${FIELD_WORDS[clash[0]] ?? clash[0]} differs from another statement's, and the form has one for all`,
      );
      continue;
    }
    seen.add(reading.kind);
    for (const [key, value] of Object.entries(reading.fields)) {
      set.set(key, i);
      Object.assign(draft, { [key]: value });
    }
    draft.principals = [...draft.principals, ...reading.principals];
  }
  return { draft, clashes };
}

const KIND_WORDS = {
  aws: 'accounts, users and roles',
  service: 'services',
  saml: 'SAML providers',
  oidc: 'an OIDC provider',
} as const;

const FIELD_WORDS: Record<string, string> = {
  allowSessionTags: 'session tags (sts:TagSession)',
  sourceIdentity: 'source identity',
};

/** What the form makes of one statement, or why it cannot hold it. */
function readStatement(s: Record<string, unknown>): Reading | string {
  const extra = Object.keys(s).filter((k) => !['Effect', 'Principal', 'Action', 'Condition'].includes(k));
  if (extra.length) return `it has ${extra.join(', ')}, which the form does not write`;
  if (s.Effect !== 'Allow') return `it is a ${String(s.Effect)} statement; the form writes only Allow`;
  const principal = s.Principal;
  if (!isObject(principal) || Object.keys(principal).length !== 1)
    return 'its Principal is not one kind of principal (AWS, Service or Federated)';
  const [type, value] = Object.entries(principal)[0] as [string, unknown];
  const names = strings(value);
  const actions = strings(s.Action);
  if (!names || names.length === 0 || !actions)
    return 'its Principal or Action is not a string or a list of strings';
  const condition = s.Condition === undefined ? {} : s.Condition;
  if (!isObject(condition)) return 'its Condition is not an object';
  const tests = conditionTests(condition);
  if (typeof tests === 'string') return tests;

  const main = actions.filter((a) => !EXTRA_ACTIONS.has(a));
  const fields: Reading['fields'] = {};
  const take = (operator: string, key: string): string | undefined => {
    const at = tests.findIndex((t) => t.operator === operator && t.key === key);
    if (at === -1) return undefined;
    const [test] = tests.splice(at, 1);
    return test?.values.length === 1 ? test.values[0] : undefined;
  };
  const sharedFields = () => {
    fields.allowSessionTags = actions.includes('sts:TagSession');
    const identity = take('StringLike', 'sts:SourceIdentity');
    if (identity !== undefined) fields.sourceIdentity = identity;
    else fields.sourceIdentity = '';
  };
  const rest = () =>
    tests.length
      ? `its condition ${tests.map((t) => `${t.operator} ${t.key}`).join(', ')} has no field in the form`
      : undefined;

  if (type === 'AWS') {
    if (main.join() !== AWS_ACTIONS.join()) return `its actions (${actions.join(', ')}) are not the form's`;
    sharedFields();
    fields.externalId = take('StringEquals', 'sts:ExternalId') ?? '';
    fields.principalOrgId = take('StringEquals', 'aws:PrincipalOrgID') ?? '';
    // IAM reads a Bool condition's value without regard to case ("True" is true).
    const mfa = take('Bool', 'aws:MultiFactorAuthPresent')?.toLowerCase();
    fields.requireMfa = mfa === 'true';
    if (mfa !== undefined && mfa !== 'true') return 'its MFA condition is not "must be present"';
    const age = take('NumericLessThan', 'aws:MultiFactorAuthAge');
    if (age !== undefined && !fields.requireMfa) return 'it limits the MFA age without requiring MFA';
    fields.mfaMaxAge = age ?? '';
    const left = rest();
    if (left) return left;
    return {
      kind: 'aws',
      principals: names.map((name) => {
        const root = /^arn:aws:iam::(\d{12}):root$/.exec(name);
        return root ? { kind: 'account', id: root[1] as string } : { kind: 'arn', arn: name };
      }),
      fields,
    };
  }
  if (type === 'Service') {
    if (actions.join() !== AWS_ACTIONS.join())
      return `its actions (${actions.join(', ')}) are not the form's`;
    fields.sourceAccount = take('StringEquals', 'aws:SourceAccount') ?? '';
    fields.sourceArn = take('ArnLike', 'aws:SourceArn') ?? '';
    const left = rest();
    if (left) return left;
    return { kind: 'service', principals: names.map((service) => ({ kind: 'service', service })), fields };
  }
  if (type === 'Federated') {
    if (main.join() === 'sts:AssumeRoleWithSAML') {
      sharedFields();
      if (take('StringEquals', 'SAML:aud') !== SAML_AUDIENCE)
        return `it does not check SAML:aud against ${SAML_AUDIENCE} alone, as the form does`;
      const left = rest();
      if (left) return left;
      return {
        kind: 'saml',
        principals: names.map((providerArn) => ({ kind: 'saml', providerArn })),
        fields,
      };
    }
    if (main.join() === 'sts:AssumeRoleWithWebIdentity' && names.length === 1) {
      const provider = names[0] as string;
      const host = oidcHost(provider);
      sharedFields();
      const audience = take('StringEquals', `${host}:aud`) ?? '';
      const at = tests.findIndex((t) => t.operator === 'StringLike' && t.key === `${host}:sub`);
      const subjects = at === -1 ? [] : (tests.splice(at, 1)[0]?.values ?? []);
      // The form holds one subject pattern per provider.
      if (subjects.length > 1) return 'it allows several subjects (sub), and the form holds one';
      const left = rest();
      if (left) return left;
      return { kind: 'oidc', principals: [{ kind: 'oidc', provider, audience, subjects }], fields };
    }
    return `its actions (${actions.join(', ')}) are not the form's for a provider`;
  }
  return `its principal is ${type}, which the form does not write`;
}

interface Test {
  operator: string;
  key: string;
  values: string[];
}

function conditionTests(condition: Record<string, unknown>): Test[] | string {
  const tests: Test[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) return `its ${operator} condition is not an object`;
    for (const [key, value] of Object.entries(block)) {
      const values = strings(value);
      if (!values) return `its ${operator} ${key} is not a string or a list of strings`;
      tests.push({ operator, key, values });
    }
  }
  return tests;
}

function hasPrincipal(s: Record<string, unknown>): boolean {
  return 'Principal' in s || 'NotPrincipal' in s;
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A statement written so that two that mean the same read the same: keys in order, a lone value
 * and a list of one alike, lists in order (IAM reads values as a set).
 */
function canonical(value: unknown): string {
  const normal = (v: unknown): unknown => {
    if (typeof v === 'string') return [v];
    if (Array.isArray(v))
      return [...v].map((x) => (typeof x === 'string' ? x : JSON.stringify(normal(x)))).sort();
    if (isObject(v))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [
            k,
            k === 'Effect' || k === 'Sid' ? v[k] : normal(k === 'Bool' ? lowered(v[k]) : v[k]),
          ]),
      );
    return v;
  };
  return JSON.stringify(normal(value));
}

/** A Bool block's values in lower case: IAM reads "True" as "true". */
function lowered(block: unknown): unknown {
  if (!isObject(block)) return block;
  const low = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  return Object.fromEntries(
    Object.entries(block).map(([k, v]) => [k, Array.isArray(v) ? v.map(low) : low(v)]),
  );
}

/** The 1-based line of a JSON.parse error, from the position it names. */
function lineOfJsonError(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  if (/Unexpected end of JSON input/.test(message)) return text.split('\n').length;
  return undefined;
}
