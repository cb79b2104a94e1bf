// Logging in to IAM Identity Center from the interface, as `aws sso login` does: the browser
// opened on Identity Center's page, which comes back to this machine (PKCE), or, where no browser
// here can (over SSH, no display) or when asked with d, a code to approve in any browser. The
// code and the page are on the screen, to be checked against the browser's; Esc stops the login.
// Once it is made the screen goes back, and the accounts are read again with it.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useKeys } from '../components/keymap';
import { colour } from '../components/theme';
import { describeAwsError } from '../src/aws/errors';
import type { LoginProgress } from '../src/sso/log-in';
import { ACTION_KEYS, keyFor } from './app/navigation/action-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { useUiActions } from './app/stores/ui-store';

type LoginState =
  | { state: 'starting' }
  | { state: 'waiting'; progress: LoginProgress }
  | { state: 'failed'; why: string };

export function SsoLoginScreen({ entry }: ScreenProps<'sso-login'>) {
  const core = useCore();
  const { back, say } = useUiActions();
  const key = entry.params.login;
  const [deviceCode, setDeviceCode] = useState(false);
  const [round, setRound] = useState(0);
  const [login, setLogin] = useState<LoginState>({ state: 'starting' });
  /** The way the last login went: a device code is offered only instead of the browser's. */
  const [way, setWay] = useState<LoginProgress['way']>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: round asks again
  useEffect(() => {
    const stopper = new AbortController();
    setLogin({ state: 'starting' });
    core
      .ssoLogIn(key, {
        deviceCode,
        signal: stopper.signal,
        onProgress: (progress) => {
          if (stopper.signal.aborted) return;
          setLogin({ state: 'waiting', progress });
          setWay(progress.way);
        },
      })
      .then(
        ({ token }) => {
          if (stopper.signal.aborted) return;
          say({
            tone: 'info',
            text: `Logged in to IAM Identity Center (${key}) until ${token.expiresAt.toTimeString().slice(0, 5)}; the accounts it gives are listed.`,
          });
          back();
        },
        (error: unknown) => {
          if (stopper.signal.aborted) return;
          setLogin({
            state: 'failed',
            why: describeAwsError(error, { doing: 'log in to IAM Identity Center' }).message,
          });
        },
      );
    return () => stopper.abort();
  }, [core, key, deviceCode, round]);

  useKeys([
    ...(way === 'browser' && !deviceCode
      ? [
          {
            keys: ['d'],
            label: 'device code',
            description: 'Log in with a code approved in any browser, as on another machine',
            run: () => setDeviceCode(true),
          },
        ]
      : []),
    ...(login.state === 'failed'
      ? [
          {
            keys: ['r'],
            label: 'try again',
            description: 'Start the login again',
            run: () => setRound((r) => r + 1),
          },
        ]
      : []),
    {
      keys: [ACTION_KEYS.back],
      label: 'stop',
      description: 'Stop the login and go back: nothing is cached',
      run: back,
    },
  ]);

  const startUrl = (
    <Text>
      Logging in to IAM Identity Center <Text bold>{key}</Text>.
    </Text>
  );
  if (login.state === 'starting')
    return (
      <Box flexDirection="column" paddingX={1}>
        {startUrl}
        <Text dimColor>Asking IAM Identity Center to start a login…</Text>
      </Box>
    );
  if (login.state === 'failed')
    return (
      <Box flexDirection="column" paddingX={1}>
        {startUrl}
        <Text color={colour('error')} wrap="wrap">
          {login.why}
        </Text>
        <Text dimColor>r tries again; {keyFor('back')} goes back.</Text>
      </Box>
    );
  const { progress } = login;
  const { browser } = progress;
  const browserLine =
    browser.state === 'opening'
      ? 'Opening your browser on it…'
      : browser.state === 'opened'
        ? 'Your browser was sent to it.'
        : `${browser.why} Open it in a browser yourself.`;
  if (progress.way === 'device')
    return (
      <Box flexDirection="column" paddingX={1}>
        {startUrl}
        <Text> </Text>
        <Text>
          Approve this code: <Text bold>{progress.prompt.userCode}</Text>
        </Text>
        <Text wrap="wrap">on the page {progress.prompt.verificationUriComplete}</Text>
        <Text dimColor wrap="wrap">
          {browserLine}
        </Text>
        <Text> </Text>
        <Text dimColor wrap="wrap">
          Waiting for the approval; the code expires at {progress.prompt.expiresAt.toTimeString().slice(0, 5)}
          . {keyFor('back')} stops.
        </Text>
      </Box>
    );
  return (
    <Box flexDirection="column" paddingX={1}>
      {startUrl}
      <Text> </Text>
      <Text wrap="wrap">Approve the login on IAM Identity Center’s page; it comes back here by itself.</Text>
      <Text dimColor wrap="wrap">
        {browserLine}
      </Text>
      <Text dimColor wrap="truncate-end">
        {progress.url}
      </Text>
      <Text> </Text>
      <Text dimColor wrap="wrap">
        Waiting for the browser. d uses a code instead (a browser on another machine); {keyFor('back')} stops.
      </Text>
    </Box>
  );
}
