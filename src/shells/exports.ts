// The session's variables as text a shell evaluates (`eval "$(rolecall env X)"`), quoted so
// that any value survives, and with an unset for each variable that would shadow the session.
import { rfc3339 } from '../aws-shapes/timestamp';
import type { SessionCredentials } from './child-env';

export type ExportFormat = 'sh' | 'fish' | 'powershell' | 'json';

export function formatExports(
  variables: { set: Record<string, string>; unset: readonly string[] },
  format: Exclude<ExportFormat, 'json'>,
): string {
  const lines = [
    ...variables.unset.map((name) => UNSET[format](name)),
    ...Object.entries(variables.set).map(([name, value]) => SET[format](name, value)),
  ];
  return `${lines.join('\n')}\n`;
}

const SET: Record<Exclude<ExportFormat, 'json'>, (name: string, value: string) => string> = {
  // Single quotes keep everything literal; a quote itself is closed, escaped and reopened.
  sh: (name, value) => `export ${name}='${value.replaceAll("'", `'\\''`)}'`,
  // In fish single quotes, only \\ and \' are escapes.
  fish: (name, value) => `set -gx ${name} '${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  // In PowerShell single quotes, a quote is doubled.
  // PowerShell also takes ‘ ’ ‚ ‛ for quotes: each is doubled like '.
  powershell: (name, value) => `$Env:${name} = '${value.replace(/['\u2018-\u201B]/g, '$&$&')}'`,
};

const UNSET: Record<Exclude<ExportFormat, 'json'>, (name: string) => string> = {
  sh: (name) => `unset ${name}`,
  fish: (name) => `set -e ${name}`,
  powershell: (name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue`,
};

/** The credential_process shape (Version 1, ISO Expiration), also `rolecall env --format json`. */
export function credentialProcessJson(credentials: SessionCredentials): string {
  return `${JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration ? { Expiration: rfc3339(credentials.expiration) } : {}),
  })}\n`;
}
