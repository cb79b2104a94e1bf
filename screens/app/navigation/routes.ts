// Every screen of the app, by the name the screen stack uses, with the parameters it is opened
// with: opening a screen with the wrong ones, or without those it needs, does not typecheck.

import { EDITABLE_SETTINGS, type EditableKey } from '../../../src/settings/fields';
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

/** A screen opened with nothing. */
type NoParams = Readonly<Record<string, never>>;

/** A role, as the role screens name it: its account, its ARN and the profile that reaches it. */
interface RoleParams {
  account: string;
  arn: string;
  profile?: string;
}

export interface RouteParams {
  home: NoParams;
  settings: NoParams;
  accounts: NoParams;
  'account-label': { account: string };
  /** `name` is what the trail calls the account, when it has a better name than its ID. */
  roles: { account: string; name?: string };
  'role-detail': RoleParams;
  /** `andThen: 'shell'` opens a shell in the new session once it is assumed. */
  assume: RoleParams & { andThen?: 'shell' };
  mfa: NoParams;
  'edit-setting': { key: EditableKey };
  'session-detail': { id: string };
}

export type Route = keyof RouteParams;

/** One opening of a screen; without a route named, any route's (told apart by `screen`). */
export type ScreenEntry<R extends Route = Route> = R extends Route
  ? {
      /** Unique per opening, so two openings of one screen keep separate selections. */
      id: string;
      screen: R;
      params: Readonly<RouteParams[R]>;
    }
  : never;

/** The parameters `open(route, …)` takes: none, optional ones, or the ones the route needs. */
export type OpenArgs<R extends Route> = NoParams extends RouteParams[R]
  ? [params?: RouteParams[R]]
  : [params: RouteParams[R]];

/** The routes that take no parameters: the ones a stack can start from. */
export type ParamlessRoute = { [R in Route]: NoParams extends RouteParams[R] ? R : never }[Route];

export const HOME_SCREEN = 'home' satisfies Route;

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
};

function roleName(arn: string): string {
  return arn.split('/').at(-1) ?? 'role';
}
