// Settings file versions. conf records the version a file was last migrated to and runs every
// step newer than that, in order. A new file starts at SETTINGS_VERSION and runs none.
import type Conf from 'conf';
import type { SettingsData } from './schema';

export const SETTINGS_VERSION = '1.0.0';

type Step = (store: Conf<SettingsData>) => void;

export const SETTINGS_MIGRATIONS: Record<string, Step> = {
  // A file with no version was written by hand (the README documents the format). People copy
  // account IDs from the console's account menu, which shows them as 1234-5678-9012, and type
  // regions in capitals; both would otherwise fail the schema and cost them the file.
  '1.0.0': (store) => {
    const accounts = store.get('accounts');
    store.set(
      'accounts',
      Object.fromEntries(Object.entries(accounts).map(([id, label]) => [normaliseAccountId(id), label])),
    );
    store.set('favourites', [...new Set(store.get('favourites').map(normaliseAccountId))]);
    store.set('recents', [...new Set(store.get('recents').map(normaliseAccountId))]);
    const region = store.get('defaultRegion');
    if (typeof region === 'string') store.set('defaultRegion', region.trim().toLowerCase());
  },
};

/** "1234-5678-9012" and "1234 5678 9012" become "123456789012"; anything else is left as it is. */
function normaliseAccountId(value: string): string {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : value;
}
