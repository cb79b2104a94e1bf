// Every screen of the app, by the name the screen stack uses: its title in the trail and its
// component, each typed by the parameters its route declares (route-params.ts). The dashboard's
// component is here from the start; every other screen's comes from later-screens.ts, one chunk
// loaded after the first frame (run-tui.tsx starts it), or when its screen is opened first.

import { EDITABLE_SETTINGS } from '../../../src/settings/fields';
import { HomeScreen } from '../../home-screen';
import { HOME_SCREEN, MFA_SCREEN } from './route-params';
import type { ScreenRegistry } from './screen-registry';

const later = () => import('./later-screens');

export const SCREENS: ScreenRegistry = {
  [HOME_SCREEN]: { title: () => 'Sessions', component: HomeScreen },
  settings: { title: () => 'Settings', load: () => later().then((s) => s.SettingsScreen) },
  accounts: { title: () => 'Accounts', load: () => later().then((s) => s.AccountsScreen) },
  'account-label': {
    title: (entry) => `Label ${entry.params.account}`,
    load: () => later().then((s) => s.AccountLabelScreen),
  },
  roles: {
    title: (entry) => `Roles in ${entry.params.name ?? entry.params.account}`,
    load: () => later().then((s) => s.RolesScreen),
  },
  'role-detail': {
    title: (entry) => entry.params.sso?.role ?? roleName(entry.params.arn),
    load: () => later().then((s) => s.RoleDetailScreen),
  },
  assume: {
    title: (entry) =>
      entry.params.sso ? `Get ${entry.params.sso.role}` : `Assume ${roleName(entry.params.arn)}`,
    load: () => later().then((s) => s.AssumeScreen),
  },
  [MFA_SCREEN]: { title: () => 'MFA code', load: () => later().then((s) => s.MfaScreen) },
  'edit-setting': {
    title: (entry) => EDITABLE_SETTINGS.find((f) => f.key === entry.params.key)?.label ?? 'Edit setting',
    load: () => later().then((s) => s.EditSettingScreen),
  },
  'session-detail': {
    title: (entry) => entry.params.id,
    load: () => later().then((s) => s.SessionDetailScreen),
  },
  'trust-policy': {
    title: (entry) => `New role in ${entry.params.name ?? entry.params.account}`,
    load: () => later().then((s) => s.TrustPolicyScreen),
  },
  'create-role': {
    title: (entry) => `Create ${entry.params.role.name || 'role'}`,
    load: () => later().then((s) => s.CreateRoleScreen),
  },
  'trusted-side': {
    title: (entry) => `Trusted side of ${roleName(entry.params.roleArn)}`,
    load: () => later().then((s) => s.TrustedSideScreen),
  },
  'edit-trust': {
    title: (entry) => `Trust of ${roleName(entry.params.arn)}`,
    load: () => later().then((s) => s.EditTrustScreen),
  },
  'trust-policy-file': {
    title: (entry) => `Trust policy in ${entry.params.file.name}`,
    load: () => later().then((s) => s.TrustPolicyFileScreen),
  },
  tour: { title: () => 'Getting started', load: () => later().then((s) => s.TourScreen) },
  'guided-setup': { title: () => 'Guided setup', load: () => later().then((s) => s.GuidedSetupScreen) },
  'live-clients': {
    title: () => 'Served by this rolecall',
    load: () => later().then((s) => s.LiveClientsScreen),
  },
  'sso-login': {
    title: () => 'IAM Identity Center login',
    load: () => later().then((s) => s.SsoLoginScreen),
  },
};

function roleName(arn: string): string {
  return arn.split('/').at(-1) ?? 'role';
}
