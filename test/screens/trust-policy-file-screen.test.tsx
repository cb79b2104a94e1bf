// The --edit screen on a document it cannot open (cli.ts refuses such a file first; this is the
// screen's own guard): it ends, leaving the refusal for cli.ts to print after the interface is
// gone, with exit 2, rather than throwing during render.
import { afterEach, describe, expect, it } from 'vitest';
import { HOME_SCREEN } from '../../screens/app/navigation/route-params';
import { createUiStore } from '../../screens/app/stores/ui-store';
import type { TrustPolicyFile } from '../../src/commands/trust-policy-edit-command';
import { type AppUnderTest, renderApp } from '../helpers/render-app';

let app: AppUnderTest | undefined;
afterEach(() => app?.unmount());

function fileHolding(original: string): TrustPolicyFile {
  let refused: string | undefined;
  return {
    name: 'trust.json',
    path: '/nowhere/trust.json',
    original,
    account: '',
    save: () => Promise.reject(new Error('not to be saved')),
    saved: () => false,
    refuse: (words) => {
      refused = words;
    },
    refused: () => refused,
  };
}

describe('the --edit screen on a document it cannot open', () => {
  it('says why and ends with the refusal for cli.ts, instead of crashing', async () => {
    const file = fileHolding('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {,\n  ]\n}\n');
    const store = createUiStore(HOME_SCREEN, {
      stack: [{ id: 'trust-policy-file#0', screen: 'trust-policy-file', params: { file } }],
    });
    app = renderApp({ store, columns: 100, rows: 30 });
    await app.exited;
    expect(file.refused()).toMatch(/^Cannot edit trust\.json, line 4: It is not JSON/);
    expect(file.refused()).toMatch(/Nothing was written\.$/);
  });
});
