// RoleSessionName from the settings template. AWS accepts 2-64 characters of [\w+=,.@-]; the
// name shows in the assumed-role ARN and in CloudTrail, so a readable one matters.
import { userInfo } from 'node:os';
import { SESSION_NAME, SESSION_NAME_CHAR } from './aws-shapes/request-fields';

/** Tokens a session-name template may use, and what each stands for. */
export const SESSION_NAME_TOKENS = {
  user: 'your login name on this machine',
  profile: 'the profile the role came from',
  role: 'the role name',
  time: 'the time of the request, as seconds since 1970',
} as const;

export type SessionNameValues = Record<keyof typeof SESSION_NAME_TOKENS, string>;

const TOKEN = /\{([^{}]*)\}/g;

/** What is wrong with a template, in words, or undefined when it is usable. */
export function checkSessionNameTemplate(template: string): string | undefined {
  for (const [, name = ''] of template.matchAll(TOKEN)) {
    if (!(name in SESSION_NAME_TOKENS)) {
      return `{${name}} is not a token; use ${Object.keys(SESSION_NAME_TOKENS)
        .map((t) => `{${t}}`)
        .join(', ')}.`;
    }
  }
  const literal = template.replace(TOKEN, '');
  const bad = [...literal].find((c) => !SESSION_NAME_CHAR.test(c));
  if (bad !== undefined) {
    return `"${bad}" cannot appear in a session name; AWS allows letters, digits and + = , . @ _ -.`;
  }
  if (literal.length > 64) return 'The fixed text alone is longer than the 64 characters AWS allows.';
  return undefined;
}

/**
 * The template filled in. Characters AWS refuses in a value (a space in a login name, say)
 * become "-", the result is cut to 64 characters and padded to 2, so AWS always accepts it.
 */
export function sessionNameFromTemplate(template: string, values: SessionNameValues): string {
  const filled = template.replace(TOKEN, (whole, name: string) =>
    name in values ? values[name as keyof SessionNameValues] : whole,
  );
  let name = [...filled].map((c) => (SESSION_NAME_CHAR.test(c) ? c : '-')).join('');
  name = name.slice(0, 64);
  if (name.length < 2) name = `${name}rolecall`.slice(0, 64);
  if (!SESSION_NAME.test(name)) throw new Error(`internal: session name ${name} is not valid`);
  return name;
}

let login: string | null | undefined;

/**
 * {user}: the login name, read once. os.userInfo() throws for a uid with no passwd entry (a
 * container run with --user 1234, say), so then USER, else "user".
 */
export function loginName(env: NodeJS.ProcessEnv): string {
  if (login === undefined) {
    try {
      login = userInfo().username;
    } catch {
      login = null;
    }
  }
  return login ?? (env.USER || 'user');
}
