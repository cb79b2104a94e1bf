// One live session in full: who it is, where, until when (counting down), how it was made, and
// its access key ID. Never its secret key or session token: a screen can be shared or recorded.
// The dashboard's session keys work here too, on this session.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useKeys } from '../components/keymap';
import { clientWords } from '../src/live/clients-words';
import { sessionAccount } from '../src/sessions/store';
import { useLiveClients } from './app/hooks/use-live-clients';
import { useSessionActions } from './app/hooks/use-session-actions';
import { useSessions } from './app/hooks/use-sessions';
import { LiveCountdown } from './app/live-countdown';
import { keyFor } from './app/navigation/action-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';

export function SessionDetailScreen({ entry }: ScreenProps<'session-detail'>) {
  const core = useCore();
  const id = entry.params.id;
  const sessions = useSessions();
  const actions = useSessionActions(() => core.sessions.get(id));
  const session = sessions.find((s) => s.id === id);
  const bound = useLiveClients().clients.filter((c) => c.session === id);
  // Dropped here or elsewhere, or expired and replaced: only Esc is left to do.
  useKeys(session ? actions : []);

  if (!session) {
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>{id}</Text>
        <Text>This session is no longer live.</Text>
        <Text dimColor>Esc goes back.</Text>
      </Box>
    );
  }
  const { origin, credentials } = session;
  // An MFA session's account is its device's: the user's own.
  const account = sessionAccount(origin);
  const expiration = credentials.expiration;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>{session.id}</Text>
      <Field label="Role">
        {origin.roleArn ??
          (origin.permissionSet ? (
            <Text>
              permission set {origin.permissionSet.name}{' '}
              <Text dimColor>(IAM Identity Center: AWSReservedSSO_{origin.permissionSet.name}_…)</Text>
            </Text>
          ) : origin.mfaSerial ? (
            <Text dimColor>none: an MFA session (GetSessionToken) with {origin.mfaSerial}</Text>
          ) : (
            <Text dimColor>not known</Text>
          ))}
      </Field>
      {origin.profile && <Field label="Profile">{origin.profile}</Field>}
      <Field label="Source">{origin.source}</Field>
      <Field label="Region">{session.region}</Field>
      <Field label="Account">{account || <Text dimColor>not known</Text>}</Field>
      <Field label="Expires at">{expiration ? localTime(expiration) : 'never (long-term keys)'}</Field>
      <Field label="Time left">
        <LiveCountdown session={session} />
      </Field>
      <Field label="MFA">{origin.mfa ? 'yes' : 'no'}</Field>
      <Field label="Chained">{origin.chained ? 'yes: capped at 1h by AWS' : 'no'}</Field>
      <Field label="Auto-refresh">{session.autoRefresh ? 'on' : 'off'}</Field>
      <Field label="Access key ID">{credentials.accessKeyId}</Field>
      <Field label="Served to">
        {bound.length ? (
          [
            ...bound.slice(0, CLIENTS_SHOWN).map(clientWords),
            ...(bound.length > CLIENTS_SHOWN
              ? [
                  `and ${bound.length - CLIENTS_SHOWN} more: ${keyFor('whoIsServed')} on the dashboard lists them all`,
                ]
              : []),
          ].join('\n')
        ) : (
          <Text dimColor>no open shell or command</Text>
        )}
      </Field>
      <Text dimColor>Secret key and session token: hidden.</Text>
    </Box>
  );
}

const LABEL_WIDTH = 15;
/** The clients bound to the session listed here; the rest are counted (the screen has no scroll). */
const CLIENTS_SHOWN = 3;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Text wrap="wrap">{children}</Text>
    </Box>
  );
}

/** "2026-11-23 10:00:00" in the terminal's time zone: the time a person plans around. */
function localTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
