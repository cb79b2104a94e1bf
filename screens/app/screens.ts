// Every screen of the app, by the name the screen stack uses.

import { EDITABLE_SETTINGS } from '../../src/settings/fields';
import { EditSettingScreen } from '../edit-setting-screen';
import { HomeScreen } from '../home-screen';
import { SessionDetailScreen } from '../session-detail-screen';
import { SettingsScreen } from '../settings-screen';
import type { ScreenRegistry } from './screen-registry';

export const HOME_SCREEN = 'home';

export const SCREENS: ScreenRegistry = {
  [HOME_SCREEN]: { title: () => 'Sessions', component: HomeScreen },
  settings: { title: () => 'Settings', component: SettingsScreen },
  'edit-setting': {
    title: (entry) => EDITABLE_SETTINGS.find((f) => f.key === entry.params.key)?.label ?? 'Edit setting',
    component: EditSettingScreen,
  },
  'session-detail': { title: (entry) => entry.params.id ?? 'Session', component: SessionDetailScreen },
};
