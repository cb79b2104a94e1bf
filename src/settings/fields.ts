// The settings a person edits by typing: how each is shown, and how typed text becomes a change
// (or a reason it cannot). The TUI's settings screens are drawn from this list.

import { REGION } from '../aws-shapes/request-fields';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../aws-shapes/session-limits';
import { formatDuration, parseDuration } from '../duration';
import { checkSessionNameTemplate, SESSION_NAME_TOKENS } from '../session-name';
import {
  MAX_CONNECT_TIMEOUT_SECONDS,
  MAX_MFA_SESSION_SECONDS,
  MAX_REFRESH_LEAD_SECONDS,
  MAX_REQUEST_TIMEOUT_SECONDS,
  MIN_MFA_SESSION_SECONDS,
  MIN_REFRESH_LEAD_SECONDS,
  MIN_TIMEOUT_SECONDS,
  type SettingsData,
  SHELL_CREDENTIALS,
  type ShellCredentials,
} from './schema';

export type EditableKey =
  | 'defaultRegion'
  | 'defaultSessionSeconds'
  | 'sessionNameTemplate'
  | 'mfaSessionSeconds'
  | 'refreshLeadSeconds'
  | 'connectTimeoutSeconds'
  | 'requestTimeoutSeconds'
  | 'shellCredentials';

export type Parsed =
  | { ok: true; change: Partial<SettingsData>; shown: string }
  | { ok: false; problem: string };

export interface EditableSetting {
  key: EditableKey;
  label: string;
  /** One sentence on what the setting does and what it accepts. */
  help: string;
  /** The current value, as the settings list shows it (and as the edit field starts). */
  show(settings: SettingsData): string;
  parse(text: string): Parsed;
}

function durationSetting(
  key:
    | 'defaultSessionSeconds'
    | 'refreshLeadSeconds'
    | 'mfaSessionSeconds'
    | 'connectTimeoutSeconds'
    | 'requestTimeoutSeconds',
  label: string,
  help: string,
  min: number,
  max: number,
): EditableSetting {
  return {
    key,
    label,
    help,
    show: (settings) => formatDuration(settings[key]),
    parse(text) {
      const seconds = parseDuration(text);
      if (seconds === undefined) return { ok: false, problem: 'Type a duration such as 1h, 90m or 3600.' };
      if (seconds < min || seconds > max) {
        return { ok: false, problem: `Must be between ${formatDuration(min)} and ${formatDuration(max)}.` };
      }
      return { ok: true, change: { [key]: seconds }, shown: formatDuration(seconds) };
    },
  };
}

export const EDITABLE_SETTINGS: readonly EditableSetting[] = [
  {
    key: 'defaultRegion',
    label: 'Default region',
    help: 'Used when neither the profile nor AWS_REGION names a region.',
    show: (settings) => settings.defaultRegion,
    parse(text) {
      const region = text.trim();
      return REGION.test(region)
        ? { ok: true, change: { defaultRegion: region }, shown: region }
        : { ok: false, problem: `"${region}" is not a region name such as us-east-1 or eu-central-2.` };
    },
  },
  durationSetting(
    'defaultSessionSeconds',
    'Session duration',
    'How long an assumed role lasts, unless the role allows less. AWS accepts 15m to 12h.',
    MIN_SESSION_SECONDS,
    MAX_SESSION_SECONDS,
  ),
  {
    key: 'sessionNameTemplate',
    label: 'Session name',
    help: `The RoleSessionName sent to AWS. Tokens: ${Object.keys(SESSION_NAME_TOKENS)
      .map((t) => `{${t}}`)
      .join(' ')}.`,
    show: (settings) => settings.sessionNameTemplate,
    parse(text) {
      const template = text.trim();
      if (!template) return { ok: false, problem: 'A session name template cannot be empty.' };
      const problem = checkSessionNameTemplate(template);
      return problem
        ? { ok: false, problem }
        : { ok: true, change: { sessionNameTemplate: template }, shown: template };
    },
  },
  durationSetting(
    'mfaSessionSeconds',
    'MFA session',
    'How long one MFA code serves for assuming roles (each role then lasts at most 1h). 15m to 36h.',
    MIN_MFA_SESSION_SECONDS,
    MAX_MFA_SESSION_SECONDS,
  ),
  durationSetting(
    'refreshLeadSeconds',
    'Refresh lead time',
    'How long before expiry a session is marked as expiring and auto-refreshed.',
    MIN_REFRESH_LEAD_SECONDS,
    MAX_REFRESH_LEAD_SECONDS,
  ),
  durationSetting(
    'connectTimeoutSeconds',
    'Connect timeout',
    'How long a call to AWS (or AWS_ENDPOINT_URL) may take to connect before rolecall gives up and says so.',
    MIN_TIMEOUT_SECONDS,
    MAX_CONNECT_TIMEOUT_SECONDS,
  ),
  durationSetting(
    'requestTimeoutSeconds',
    'Request timeout',
    'How long one attempt of a call to AWS may wait for the answer. Throttling and server errors are retried.',
    MIN_TIMEOUT_SECONDS,
    MAX_REQUEST_TIMEOUT_SECONDS,
  ),
  {
    key: 'shellCredentials',
    label: 'Shell credentials',
    help: 'What a shell opened with s gets. exported: the keys, renewed at each prompt after a refresh or rolecall use (bash, zsh, fish); endpoint: no keys, the SDKs and CLI ask rolecall (for long-running tools); static: the keys it started with.',
    show: (settings) => settings.shellCredentials,
    parse(text) {
      const choice = text.trim().toLowerCase();
      return (SHELL_CREDENTIALS as readonly string[]).includes(choice)
        ? { ok: true, change: { shellCredentials: choice as ShellCredentials }, shown: choice }
        : { ok: false, problem: `Type one of: ${SHELL_CREDENTIALS.join(', ')}.` };
    },
  },
];
