// Every screen of the app, by the name the screen stack uses: its title in the trail and its
// component, each typed by the parameters its route declares (route-params.ts).

import { EDITABLE_SETTINGS } from '../../../src/settings/fields';
import { AccountLabelScreen } from '../../account-label-screen';
import { AccountsScreen } from '../../accounts-screen';
import { AssumeScreen } from '../../assume-screen';
import { CreateRoleScreen } from '../../create-role-screen';
import { EditSettingScreen } from '../../edit-setting-screen';
import { EditTrustScreen } from '../../edit-trust-screen';
import { GuidedSetupScreen } from '../../guided-setup-screen';
import { HomeScreen } from '../../home-screen';
import { LiveClientsScreen } from '../../live-clients-screen';
import { MfaScreen } from '../../mfa-screen';
import { RoleDetailScreen } from '../../role-detail-screen';
import { RolesScreen } from '../../roles-screen';
import { SessionDetailScreen } from '../../session-detail-screen';
import { SettingsScreen } from '../../settings-screen';
import { TourScreen } from '../../tour-screen';
import { TrustPolicyFileScreen } from '../../trust-policy-file-screen';
import { TrustPolicyScreen } from '../../trust-policy-screen';
import { TrustedSideScreen } from '../../trusted-side-screen';
import { HOME_SCREEN, MFA_SCREEN } from './route-params';
import type { ScreenRegistry } from './screen-registry';

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
  'session-detail': { title: (entry) => entry.params.id, component: SessionDetailScreen },
  'trust-policy': {
    title: (entry) => `New role in ${entry.params.name ?? entry.params.account}`,
    component: TrustPolicyScreen,
  },
  'create-role': {
    title: (entry) => `Create ${entry.params.role.name || 'role'}`,
    component: CreateRoleScreen,
  },
  'trusted-side': {
    title: (entry) => `Trusted side of ${roleName(entry.params.roleArn)}`,
    component: TrustedSideScreen,
  },
  'edit-trust': { title: (entry) => `Trust of ${roleName(entry.params.arn)}`, component: EditTrustScreen },
  'trust-policy-file': {
    title: (entry) => `Trust policy in ${entry.params.file.name}`,
    component: TrustPolicyFileScreen,
  },
  tour: { title: () => 'Getting started', component: TourScreen },
  'guided-setup': { title: () => 'Guided setup', component: GuidedSetupScreen },
  'live-clients': { title: () => 'Served by this rolecall', component: LiveClientsScreen },
};

function roleName(arn: string): string {
  return arn.split('/').at(-1) ?? 'role';
}
