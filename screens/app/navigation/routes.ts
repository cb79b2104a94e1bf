// Every screen of the app, by the name the screen stack uses.

import { EDITABLE_SETTINGS } from '../../../src/settings/fields';
import { AccountLabelScreen } from '../../account-label-screen';
import { AccountsScreen } from '../../accounts-screen';
import { AssumeScreen } from '../../assume-screen';
import { EditSettingScreen } from '../../edit-setting-screen';
import { HomeScreen } from '../../home-screen';
import { MfaScreen } from '../../mfa-screen';
import { RoleDetailScreen } from '../../role-detail-screen';
import { RolesScreen } from '../../roles-screen';
import { SessionDetailScreen } from '../../session-detail-screen';
import { SettingsScreen } from '../../settings-screen';
import { MFA_SCREEN } from '../shell/keep-mfa-form-up';
import type { ScreenRegistry } from './screen-registry';

export const HOME_SCREEN = 'home';

export const SCREENS: ScreenRegistry = {
  [HOME_SCREEN]: { title: () => 'Sessions', component: HomeScreen },
  settings: { title: () => 'Settings', component: SettingsScreen },
  accounts: { title: () => 'Accounts', component: AccountsScreen },
  'account-label': { title: (entry) => `Label ${entry.params.account}`, component: AccountLabelScreen },
  roles: {
    title: (entry) => `Roles in ${entry.params.name ?? entry.params.account}`,
    component: RolesScreen,
  },
  'role-detail': { title: (entry) => roleName(entry.params.arn), component: RoleDetailScreen },
  assume: { title: (entry) => `Assume ${roleName(entry.params.arn)}`, component: AssumeScreen },
  [MFA_SCREEN]: { title: () => 'MFA code', component: MfaScreen },
  'edit-setting': {
    title: (entry) => EDITABLE_SETTINGS.find((f) => f.key === entry.params.key)?.label ?? 'Edit setting',
    component: EditSettingScreen,
  },
  'session-detail': { title: (entry) => entry.params.id ?? 'Session', component: SessionDetailScreen },
};

function roleName(arn: string | undefined): string {
  return arn?.split('/').at(-1) ?? 'role';
}
