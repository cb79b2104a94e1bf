// The MFA code: which device (picked for you when there is one), six digits that go as the sixth
// is typed, AWS's answer in place when it refuses one, and Esc to give up. In the sandbox, the
// code its authenticator shows now.
import { Box, Text } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useKeys } from '../components/keymap';
import { MfaCodeField } from '../components/mfa-code-field';
import { colour } from '../components/theme';
import { cursorKeys } from './app/navigation/cursor-keys';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';

/** Below this many rows the form drops its spacing and puts the field first. */
const ROOMY_ROWS = 10;

export function MfaScreen({ height }: ScreenProps) {
  const roomy = height >= ROOMY_ROWS;
  const { mfa, sandboxMfaCode, ticker } = useCore();
  const state = useSyncExternalStore(
    (changed) => mfa.on(changed),
    () => mfa.state,
  );
  const request = state.phase === 'idle' ? undefined : state.request;
  const [code, setCode] = useState('');
  const [device, setDevice] = useState(0);
  const [hint, setHint] = useState<string>();
  const serials = request?.serials ?? [];
  const serial = serials[Math.min(device, serials.length - 1)] ?? '';
  // Each ask starts empty: after a refused code, and for a second asker's form. Cleared as the
  // new ask is drawn, not in an effect after it, which would wipe digits typed as the form appeared.
  const attempt = state.phase === 'idle' ? 0 : state.attempt;
  const [shownAttempt, setShownAttempt] = useState(attempt);
  if (attempt !== shownAttempt) {
    setShownAttempt(attempt);
    setCode('');
    setDevice(0);
  }
  useEffect(() => {
    const update = () => void sandboxMfaCode(serial).then(setHint);
    update();
    return ticker.subscribe(update);
  }, [sandboxMfaCode, ticker, serial]);

  useKeys(
    [
      ...(serials.length > 1
        ? cursorKeys(
            (by) => setDevice((d) => Math.min(Math.max(0, d + by), serials.length - 1)),
            'MFA device',
            { letters: false },
          )
        : []),
      state.phase === 'checking'
        ? {
            keys: ['escape'],
            label: 'wait',
            description: 'The code is with AWS: its answer comes in a moment',
            run: () => {},
          }
        : {
            keys: ['escape'],
            label: 'cancel',
            description: 'Give up: no code is sent',
            run: () => mfa.cancel(),
          },
    ],
    { capturesText: true },
  );

  if (!request) return <Text dimColor> No MFA code is being asked for.</Text>;
  const field = (
    <MfaCodeField
      value={code}
      onChange={setCode}
      onSubmit={(digits) => mfa.answer({ serial, code: digits })}
      busy={state.phase === 'checking'}
      {...(request.problem ? { error: request.problem } : {})}
    />
  );
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold wrap="wrap">
        A code from your MFA device, {request.why}.
      </Text>
      {roomy && <Text> </Text>}
      {/* The field and AWS's answer before the device: on a short terminal the last lines go. */}
      {!roomy && field}
      {serials.length > 1 ? (
        serials.map((s, i) => (
          <Text key={s} color={colour(i === device ? 'accent' : undefined)}>
            {i === device ? '› ' : '  '}
            {s}
          </Text>
        ))
      ) : (
        <Text dimColor wrap="truncate-end">
          Device {serial}
        </Text>
      )}
      {hint && <Text color={colour('accent')}>Sandbox: this device shows {hint} now.</Text>}
      {roomy && <Text> </Text>}
      {roomy && field}
    </Box>
  );
}
