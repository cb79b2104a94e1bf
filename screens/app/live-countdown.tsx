// A session's countdown that redraws itself at each tick of the shared clock, so that the screen
// around it (the dashboard's rows, the details' fields) is not rebuilt every second.
import { CountdownText } from '../../components/countdown-text';
import type { Session } from '../../src/sessions/store';
import { useCountdown } from './hooks/use-sessions';

export function LiveCountdown({ session }: { session: Session }) {
  return <CountdownText countdown={useCountdown(session)} />;
}
