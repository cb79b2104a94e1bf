// Settings file versions. conf records the version a file was last migrated to and runs every
// step newer than that, in order. A new file starts at SETTINGS_VERSION and runs none.
import type Conf from 'conf';
import type { SettingsData } from './schema';

export const SETTINGS_VERSION = '1.0.0';

type Step = (store: Conf<SettingsData>) => void;

export const SETTINGS_MIGRATIONS: Record<string, Step> = {
  '1.0.0': (store) => {
    // The file was checked before conf opened it (file-check.ts), so every value is of its type.
    const normalised = normaliseHandWritten(store.store as unknown as Record<string, unknown>);
    for (const key of ['accounts', 'favourites', 'recents', 'defaultRegion'] as const) {
      if (normalised[key] !== undefined) store.set(key, normalised[key] as SettingsData[typeof key]);
    }
  },
};

/** Whether conf has not yet recorded a version in this file: it was written by hand. */
export function writtenBeforeVersions(stored: Record<string, unknown>): boolean {
  const internal = stored.__internal__ as { migrations?: { version?: unknown } } | undefined;
  return typeof internal?.migrations?.version !== 'string';
}

/**
 * A file with no version was written by hand (the README documents the format). People copy
 * account IDs from the console's account menu, which shows them as 1234-5678-9012, and type
 * regions in capitals; both would otherwise fail the schema and cost them the file. Values of
 * another type are left as they are, for the check to name.
 */
export function normaliseHandWritten(stored: Record<string, unknown>): Record<string, unknown> {
  const data = { ...stored };
  const { accounts, favourites, recents, defaultRegion } = data;
  if (isPlainObject(accounts)) {
    data.accounts = Object.fromEntries(
      Object.entries(accounts).map(([id, label]) => [normaliseAccountId(id), label]),
    );
  }
  if (Array.isArray(favourites)) data.favourites = [...new Set(favourites.map(normaliseAccountId))];
  if (Array.isArray(recents)) data.recents = [...new Set(recents.map(normaliseAccountId))];
  if (typeof defaultRegion === 'string') data.defaultRegion = defaultRegion.trim().toLowerCase();
  return data;
}

/** "1234-5678-9012" and "1234 5678 9012" become "123456789012"; anything else is left as it is. */
function normaliseAccountId<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
