// A session's time left in the colour of how worried to be: yellow under 15 minutes, bold red
// under 5, dim once it has expired.
import { Text } from 'ink';
import type { Countdown } from '../src/sessions/countdown';
import { colour } from './theme';

const BAND_TONE = { normal: undefined, warning: 'warning', urgent: 'error', expired: undefined } as const;

export function CountdownText({ countdown }: { countdown: Countdown }) {
  return (
    <Text
      color={colour(BAND_TONE[countdown.band])}
      dimColor={countdown.band === 'expired'}
      bold={countdown.band === 'urgent'}
    >
      {countdown.text}
    </Text>
  );
}
