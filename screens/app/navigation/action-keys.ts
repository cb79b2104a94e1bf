// The key of each action that the app's own messages name ("press r to refresh it"), declared
// once: the keymaps bind these, and a message writes the key with `keyFor`, so what a message
// tells a person to press is what works. The core's messages name the action, never the key.
import { type KeyName, showKey } from '../../../components/key-names';

export const ACTION_KEYS = {
  /** Leave the focused screen for the one under it. */
  back: 'escape',
  /** Get new credentials for a session. */
  refreshSession: 'r',
  /** Open $SHELL with a session's credentials. */
  openShell: 's',
  /** Read the profiles (and IAM's list of roles) again. */
  readAgain: 'r',
  /** Stop reading IAM's list of roles. */
  stopReading: 'escape',
  /** From the dashboard, browse the accounts. */
  browseAccounts: 'b',
  /** From the dashboard, open the settings. */
  openSettings: ',',
  /** On a role's details, edit its trust policy in the builder. */
  editTrust: 'e',
  /** On a role's details, the trusted side: the callers' policy and a profile that assumes it. */
  trustedSide: 't',
  /** On the accounts screen, a new role in the selected account (the builder). */
  newRole: 'n',
  /** On the roles list and a role's details, assume the role. */
  assumeRole: 'a',
  /** From the dashboard, the getting-started walkthrough. */
  gettingStarted: 'g',
  /** From the dashboard, who this rolecall serves: its open shells and commands, what it served. */
  whoIsServed: 'w',
  /** On a session, open the AWS console in the browser as it. */
  openConsole: 'o',
  /** On a session, copy its console sign-in URL. */
  copyConsoleUrl: 'O',
  /** On the accounts screen (and where a permission set needs it), log in to IAM Identity Center. */
  ssoLogIn: 'L',
} as const satisfies Record<string, KeyName>;

export type Action = keyof typeof ACTION_KEYS;

/** How a message writes an action's key: "r", "Esc". */
export function keyFor(action: Action): string {
  return showKey(ACTION_KEYS[action]);
}
