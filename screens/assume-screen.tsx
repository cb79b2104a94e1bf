// Assuming a role: how long (capped to what AWS allows, and why), the session name, the region
// and an external ID (filled in when remembered). Enter assumes; the MFA screen comes up when a
// code is needed; the new session then shows on the dashboard. The form is
// screens/forms/assume/; here is what it asks of the core, and where it goes once assumed.
// An IAM Identity Center permission set has no form: the set decides how long its session lasts
// and the session name is the person's own, so its credentials are asked for at once.
import { Box, Text } from 'ink';
import { useEffect, useRef } from 'react';
import { useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import type { AssumeChoices } from '../src/assuming/assume-defaults';
import type { Assumed } from '../src/assuming/assuming';
import { describeAwsError, type ErrorContext } from '../src/aws/errors';
import { MfaCancelled } from '../src/mfa/mfa-prompt';
import { type RoleRow, rowKey } from '../src/role-listing/role-rows';
import { rowVerdict } from '../src/verdicts/row-verdict';
import { useAsync } from './app/hooks/use-async';
import { useSessionShell } from './app/hooks/use-session-actions';
import { ACTION_KEYS, keyFor } from './app/navigation/action-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions, useUiState } from './app/stores/ui-store';
import { AssumeForm } from './forms/assume/assume-form';
import type { AssumeOutcome } from './forms/assume/use-assume-form';

/** Below this many rows the form drops its spacing and the ARN line. */
const ROOMY_ROWS = 12;

export function AssumeScreen({ entry, height }: ScreenProps<'assume'>) {
  const roomy = height >= ROOMY_ROWS;
  const { roleListing, verdicts, assuming, sessions, clock } = useCore();
  const { backToHome, select, say } = useUiActions();
  const openShell = useSessionShell();
  const homeId = useUiState((s) => s.stack[0]?.id ?? '');
  const thenShell = entry.params.andThen === 'shell';
  const account = entry.params.account;
  const arn = entry.params.arn;
  // Two profiles for one role are two ways in: everything here is the profile's, not the ARN's.
  const key = rowKey(arn, entry.params.profile, entry.params.sso);
  const row = roleListing.row(account, key);
  if (!row)
    return (
      <Text color={colour('warning')}>This role is not in the account’s list any more. Esc goes back.</Text>
    );

  /** On the dashboard, the cursor on the new session, and its shell opened when asked for. */
  const landed = ({ session, notes }: Assumed) => {
    backToHome();
    select(
      homeId,
      sessions.list().findIndex((s) => s.id === session.id),
    );
    if (notes.length) say({ tone: 'info', text: notes.join(' ') });
    if (thenShell) openShell(session);
  };

  if (row.sso) return <FromPortal row={row} onGot={landed} />;

  const assume = async (choices: AssumeChoices): Promise<AssumeOutcome> => {
    const judging = {
      durationSeconds: choices.durationSeconds,
      ...(choices.externalId ? { externalId: choices.externalId } : {}),
      sessionName: choices.sessionName,
      now: clock.now(),
    };
    const caller = await verdicts.callerFor(row).catch(() => undefined);
    try {
      landed(await assuming.assume(row, choices));
      return { kind: 'assumed' };
    } catch (error) {
      if (error instanceof MfaCancelled) {
        say({ tone: 'info', text: `Not assumed: no MFA code was given.` });
        return { kind: 'cancelled' };
      }
      const { message } = describeAwsError(error, {
        doing: `assume ${row.name}`,
        trust: trustReading(rowVerdict(row, caller, judging).kind),
      });
      say({ tone: 'error', text: message });
      return { kind: 'failed', problem: message };
    }
  };

  return (
    <AssumeForm
      formKey={`assume:${key}`}
      roleName={row.name}
      roleLine={`${row.arn}${row.profile ? `, profile ${row.profile.name}` : ''}`}
      thenShell={thenShell}
      roomy={roomy}
      askDefaults={() => assuming.defaults(row)}
      defaultsProblem={(error) =>
        describeAwsError(error, { doing: 'work out what this role allows' }).message
      }
      assume={assume}
      // On a short terminal the form's own problem line is below what fits.
      onInvalid={(problem) => {
        if (!roomy) say({ tone: 'error', text: problem });
      }}
    />
  );
}

/** A permission set's credentials, asked for at once: a line while the portal answers, then why not. */
function FromPortal({ row, onGot }: { row: RoleRow; onGot: (assumed: Assumed) => void }) {
  const { assuming } = useCore();
  const { open } = useUiActions();
  const got = useAsync(async () => {
    const region = await assuming.ssoRegion(row);
    // The set decides the duration and the session name: only the region is sent.
    return assuming.assume(row, { region, durationSeconds: 0, sessionName: '' });
  }, [row]);
  const value = got.state === 'loaded' ? got.value : undefined;
  // Handed on once: a redraw before the screen closes must not open a second shell.
  const handed = useRef<Assumed>(undefined);
  useEffect(() => {
    if (!value || handed.current === value) return;
    handed.current = value;
    onGot(value);
  }, [value, onGot]);
  useKeys(
    got.state === 'failed'
      ? [
          { keys: ['r'], label: 'try again', description: 'Ask IAM Identity Center again', run: got.reload },
          {
            keys: [ACTION_KEYS.ssoLogIn],
            label: 'SSO login',
            description: `Log in to IAM Identity Center (${row.sso?.login})`,
            run: () => row.sso && open('sso-login', { login: row.sso.login }),
          },
        ]
      : [],
  );
  if (got.state === 'failed')
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text color={colour('error')} wrap="wrap">
          {
            describeAwsError(got.error, { doing: `get ${row.name}’s credentials from IAM Identity Center` })
              .message
          }
        </Text>
        <Text dimColor>
          r tries again; {keyFor('ssoLogIn')} logs in to IAM Identity Center; {keyFor('back')} goes back.
        </Text>
      </Box>
    );
  return (
    <Box paddingX={1}>
      <Text dimColor>
        Getting {row.name}’s credentials in {row.account} from IAM Identity Center…
      </Text>
    </Box>
  );
}

function trustReading(kind: string): ErrorContext['trust'] {
  if (kind === 'assumable' || kind === 'duration-capped') return 'allows';
  // A code is asked for these, so a refusal after it is not for want of one.
  if (kind === 'needs-mfa') return undefined;
  if (kind === 'denied' || kind === 'dangling') return 'denies';
  return undefined;
}
