// The status line while the SDK retries AWS calls: "AWS STS is throttling; retrying (2 of 3)…"
// while any retried call is still under way, taken back once every one has ended (answered or
// given up), unless something else was said since.
import type { Status } from '../../../components/status';
import type { RetryNotice } from '../../../src/aws/clients';
import { describeRetry } from '../../../src/aws/errors';

export function retryStatus(
  say: (status: Status | undefined) => void,
  shown: () => Status | undefined,
): (notice: RetryNotice) => void {
  // Each retried call's first retry is its attempt 2, and its end is heard once.
  let retrying = 0;
  let said: string | undefined;
  return (notice) => {
    if (!notice.over) {
      if (notice.attempt === 2) retrying += 1;
      said = describeRetry(notice);
      say({ tone: 'warning', text: said });
      return;
    }
    retrying = Math.max(0, retrying - 1);
    if (retrying > 0) return;
    if (said && shown()?.text === said) say(undefined);
    said = undefined;
  };
}
