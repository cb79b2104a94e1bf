// The parameters each screen is opened with, by the name the screen stack uses: opening a screen
// with the wrong ones, or without those it needs, does not typecheck. Types only (and the first
// screen's name), so that screens, the store and the registry share them without a loop.

import type { TrustPolicyFile } from '../../../src/commands/trust-policy-edit-command';
import type { RoleSpec } from '../../../src/role-making/role-spec';
import type { EditableKey } from '../../../src/settings/fields';
import type { TrustPolicyPrefill } from '../../forms/trust-policy/trust-policy-prefill';

/** A screen opened with nothing. */
type NoParams = Readonly<Record<string, never>>;

/** A role, as the role screens name it: its account, its ARN and the profile that reaches it. */
interface RoleParams {
  account: string;
  arn: string;
  profile?: string;
  /** An IAM Identity Center permission set's row: its login and the set's name. */
  sso?: { login: string; role: string };
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
  /** A new role's trust policy, built in `account`; `name` is what the trail calls the account. */
  'trust-policy': {
    account: string;
    name?: string;
    /** Opened filled in (the guided setup): kept apart from the form n keeps for the account. */
    prefill?: TrustPolicyPrefill;
  };
  /** The builder's role made in `account`: its calls confirmed, run, and undone if one fails. */
  'create-role': { account: string; name?: string; trustPolicy: string; role: RoleSpec };
  /** A role's trusted side: the identity policy its callers need, where it goes, the config profile. */
  'trusted-side': { roleArn: string; trustPolicy: string };
  /** A role's trust policy edited in the builder; `original` is the document IAM gave for it. */
  'edit-trust': RoleParams & { original: string };
  /** `rolecall trust-policy --edit FILE`: the builder on a file, the stack's only screen. */
  'trust-policy-file': { file: TrustPolicyFile };
  /** The getting-started walkthrough, at `page` (a concept page's id, 'check', 'setup'), else where it was left. */
  tour: { page?: string };
  /** The walkthrough's guided setup: from who you are to a shell in a role of another account. */
  'guided-setup': NoParams;
  /** Who this rolecall serves: where it listens, its open shells and commands, what it served. */
  'live-clients': NoParams;
  /** A login to IAM Identity Center, by its key (the sso_session name, or a legacy start URL). */
  'sso-login': { login: string };
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

/** The MFA form, which the shell keeps in front while the core waits for a code. */
export const MFA_SCREEN = 'mfa' satisfies Route;
