import { describe, expect, it } from 'vitest';
import type { Status } from '../../../components/status';
import { retryStatus } from '../../../screens/app/shell/retry-status';
import type { RetryNotice } from '../../../src/aws/clients';

const retry = (attempt: number, over = false): RetryNotice => ({
  service: 'STS',
  attempt,
  maxAttempts: 3,
  throttled: true,
  ...(over ? { over } : {}),
});

function statusLine() {
  let status: Status | undefined;
  const say = (next: Status | undefined) => {
    status = next;
  };
  return { hear: retryStatus(say, () => status), say, text: () => status?.text };
}

describe('the status line while AWS calls are retried', () => {
  it('says the retry, and takes it back once the call has ended', () => {
    const line = statusLine();
    line.hear(retry(2));
    expect(line.text()).toBe('AWS STS is throttling; retrying (2 of 3)…');
    line.hear(retry(3));
    expect(line.text()).toBe('AWS STS is throttling; retrying (3 of 3)…');
    line.hear(retry(4, true));
    expect(line.text()).toBeUndefined();
  });

  it('keeps saying it while another retried call is still under way', () => {
    const line = statusLine();
    line.hear(retry(2));
    line.hear(retry(2));
    line.hear(retry(3, true));
    expect(line.text()).toBe('AWS STS is throttling; retrying (2 of 3)…');
    line.hear(retry(3, true));
    expect(line.text()).toBeUndefined();
  });

  it('leaves alone what was said since', () => {
    const line = statusLine();
    line.hear(retry(2));
    line.say({ tone: 'error', text: 'Could not assume prod/Admin: AWS is throttling requests.' });
    line.hear(retry(3, true));
    expect(line.text()).toBe('Could not assume prod/Admin: AWS is throttling requests.');
  });
});
