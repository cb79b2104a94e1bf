// The settings a person edits by typing: how each is shown, and how typed text becomes a value
// (or a reason it cannot). The TUI's settings screens are drawn from this list.
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS, REGION } from '../aws/identifiers';
import { formatDuration, parseDuration } from '../duration';
import { checkSessionNameTemplate } from '../sessions/session-name';
import {
  MAX_REFRESH_LEAD_SECONDS,
  MIN_REFRESH_LEAD_SECONDS,
  SESSION_NAME_TOKENS,
  type SettingsData,
} from './schema';

export type EditableKey =
  | 'defaultRegion'
  | 'defaultSessionSeconds'
  | 'sessionNameTemplate'
  | 'refreshLeadSeconds';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface EditableSetting<K extends EditableKey = EditableKey> {
  key: K;
  label: string;
  /** One sentence on what the setting does and what it accepts. */
  help: string;
  show(value: SettingsData[K]): string;
  /** The text the edit field starts with. */
  toText(value: SettingsData[K]): string;
  parse(text: string): Parsed<SettingsData[K]>;
}

function durationSetting(
  key: 'defaultSessionSeconds' | 'refreshLeadSeconds',
  label: string,
  help: string,
  min: number,
  max: number,
): EditableSetting<typeof key> {
  return {
    key,
    label,
    help,
    show: formatDuration,
    toText: formatDuration,
    parse(text) {
      const seconds = parseDuration(text);
      if (seconds === undefined) return { ok: false, problem: 'Type a duration such as 1h, 90m or 3600.' };
      if (seconds < min || seconds > max) {
        return { ok: false, problem: `Must be between ${formatDuration(min)} and ${formatDuration(max)}.` };
      }
      return { ok: true, value: seconds };
    },
  };
}

export const EDITABLE_SETTINGS: readonly EditableSetting[] = [
  {
    key: 'defaultRegion',
    label: 'Default region',
    help: 'Used when neither the profile nor AWS_REGION names a region.',
    show: String,
    toText: String,
    parse(text) {
      const region = text.trim();
      return REGION.test(region)
        ? { ok: true, value: region }
        : { ok: false, problem: `"${region}" is not a region name such as us-east-1 or eu-central-2.` };
    },
  } satisfies EditableSetting<'defaultRegion'>,
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
    show: String,
    toText: String,
    parse(text) {
      const template = text.trim();
      if (!template) return { ok: false, problem: 'A session name template cannot be empty.' };
      const problem = checkSessionNameTemplate(template);
      return problem ? { ok: false, problem } : { ok: true, value: template };
    },
  } satisfies EditableSetting<'sessionNameTemplate'>,
  durationSetting(
    'refreshLeadSeconds',
    'Refresh lead time',
    'How long before expiry a session is marked as expiring and auto-refreshed.',
    MIN_REFRESH_LEAD_SECONDS,
    MAX_REFRESH_LEAD_SECONDS,
  ),
] as EditableSetting[];
