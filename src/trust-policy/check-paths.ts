// Where a finding is, as a JSON path into the document as written: the policy engine's normal
// form turns every single value into a list, so whether a path ends in "[0]" is read here from the
// document itself ("Action": "sts:AssumeRole" is $.Statement[0].Action, a list's first entry is
// $.Statement[0].Action[0]).

export interface Layout {
  /** The JSON path of statement `index`. */
  statement(index: number): string;
  /** An element of a statement, or the `entry`th value in it when it is a list. */
  element(index: number, element: string, entry?: number): string;
  /** A principal entry: $.Statement[0].Principal.AWS[1]. */
  principal(index: number, element: 'Principal' | 'NotPrincipal', kind: string, entry: number): string;
  /** A condition key under its operator as written: $.Statement[0].Condition.StringLike.aws:SourceArn. */
  condition(index: number, operator: string, key: string): string;
}

export function readLayout(text: string): Layout {
  const document = readJson(text);
  const raw = isObject(document) ? document.Statement : undefined;
  const statements = Array.isArray(raw) ? raw : [raw];
  const statementPath = (index: number) => (Array.isArray(raw) ? `$.Statement[${index}]` : '$.Statement');
  const rawStatement = (index: number) => {
    const s = statements[index];
    return isObject(s) ? s : {};
  };
  const entryOf = (value: unknown, entry: number | undefined) =>
    entry !== undefined && Array.isArray(value) ? `[${entry}]` : '';
  return {
    statement: statementPath,
    element: (index, element, entry) =>
      `${statementPath(index)}.${element}${entryOf(rawStatement(index)[element], entry)}`,
    principal: (index, element, kind, entry) => {
      const principal = rawStatement(index)[element];
      const value = isObject(principal) ? principal[kind] : undefined;
      return `${statementPath(index)}.${element}${isObject(principal) ? `.${kind}` : ''}${entryOf(value, entry)}`;
    },
    condition: (index, operator, key) => `${statementPath(index)}.Condition.${operator}.${key}`,
  };
}

/** The document as parsePolicy reads it: URL-encoded text (as IAM returns it) is decoded first. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(/^\s*%7B/i.test(text) ? decodeURIComponent(text) : text);
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
