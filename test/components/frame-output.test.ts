// The grid rolecall's build gives ink in place of its own: every frame must come out exactly as
// ink's own Output draws it, frame after frame as the caches carry over; what it keeps must not
// grow over a day of countdowns; and the bin must really be built with it.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { frameOutputOn } from '../../components/frame-output';
// ink does not export its Output; the build reaches it the same way (scripts/bundle-options.mjs).
import InkOutput from '../../node_modules/ink/build/output.js';
import { bundleOptions, root } from '../../scripts/bundle-options.mjs';

const Built = frameOutputOn(InkOutput);
// The same class the renderer gets: ink's Output with its methods, and the caches to look at.
const FrameOutput = Built as unknown as typeof InkOutput;
const frameCaches = Built.caches;

type Op =
  | { write: [x: number, y: number, text: string]; upper?: boolean }
  | { clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
  | 'unclip';

const bold = (text: string) => `\u001B[1m${text}\u001B[22m`;
const dim = (text: string) => `\u001B[2m${text}\u001B[22m`;
const red = (text: string) => `\u001B[31m${text}\u001B[39m`;

/** Draws the same operations on both grids and returns both texts. */
function draw(width: number, height: number, ops: Op[]): { ink: string; ours: string } {
  const ink = new InkOutput({ width, height });
  const ours = new FrameOutput({ width, height });
  for (const output of [ink, ours]) {
    for (const op of ops) {
      if (op === 'unclip') output.unclip();
      else if ('clip' in op)
        output.clip({ x1: undefined, x2: undefined, y1: undefined, y2: undefined, ...op.clip });
      else
        output.write(...op.write, {
          transformers: op.upper ? [(line: string) => line.toUpperCase()] : [],
        });
    }
  }
  return { ink: ink.get().output, ours: ours.get().output };
}

/** A dashboard-like frame: a header, rows with a countdown, a status line and a footer. */
function dashboard(secondsLeft: number): Op[] {
  const face = `${String(Math.floor(secondsLeft / 60)).padStart(2, '0')}:${String(secondsLeft % 60).padStart(2, '0')}`;
  return [
    { write: [0, 0, `${bold('rolecall')} › Sessions`] },
    { write: [0, 1, '─'.repeat(60)] },
    { write: [1, 3, `${bold('Live sessions')} ${dim('(2)')}`] },
    { write: [1, 4, '›'] },
    { write: [3, 4, `${bold('dev-developer')} ${dim('profile alice')}`] },
    { write: [40, 4, dim('us-east-1')] },
    { write: [54, 4, red(face)] },
    { write: [3, 5, `dev-readonly ${dim('profile dev-developer')}`] },
    { write: [54, 5, face] },
    { clip: { x1: 0, x2: 30 } },
    { write: [0, 7, 'New session dev-readonly-via-developer: 1:00:00 left.'] },
    'unclip',
    { write: [0, 9, `${bold('b')} accounts  ${bold('s')} settings  ${bold('?')} help  ${bold('q')} quit`] },
  ];
}

describe('the frame grid ink draws into', () => {
  it('draws every frame of a ticking dashboard exactly as ink does, frame after frame', () => {
    for (let left = 3600; left > 3590; left--) {
      const { ink, ours } = draw(60, 11, dashboard(left));
      expect(ours).toBe(ink);
      expect(ours).toContain(`${String(Math.floor(left / 60)).padStart(2, '0')}:`);
    }
  });

  it('draws wide characters, clipping, transforms and text past the edge as ink does', () => {
    const frames: Op[][] = [
      [{ write: [0, 0, '日本語のロール名 ✅ done'] }, { write: [3, 0, 'x'] }, { write: [0, 1, 'ab'] }],
      [
        { clip: { x1: 2, x2: 7, y1: 1, y2: 3 } },
        { write: [0, 0, 'clipped above\nclipped row two\nthird row\nfourth'] },
        { write: [5, 2, '漢字漢字'] },
        'unclip',
        { write: [0, 3, 'upper case me'], upper: true },
      ],
      [{ write: [15, 0, `far past the edge ${red('red')} and more`] }, { write: [0, 2, '  \n  '] }],
      [{ clip: { x1: 4, x2: 2 } }, { write: [0, 0, 'never drawn'] }, 'unclip'],
      [],
    ];
    for (const ops of frames) {
      const { ink, ours } = draw(20, 4, ops);
      expect(ours).toBe(ink);
    }
  });

  it('keeps only what the last frame used: a day of countdowns does not pile up', () => {
    draw(60, 11, dashboard(86_400));
    const oneFrame = frameCaches.size();
    for (let left = 86_399; left > 86_399 - 2000; left--) draw(60, 11, dashboard(left));
    expect(frameCaches.size()).toBeLessThanOrEqual(2 * oneFrame + 4);
  });

  it('is the grid the bin is built with', async () => {
    const result = await build({
      ...bundleOptions,
      stdin: { contents: "export { render } from 'ink';", resolveDir: root, loader: 'ts' },
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('components/frame-output.ts');
    // ink's Output is still bundled: the grid is built on it.
    expect(inputs.some((input) => input.endsWith('ink/build/output.js'))).toBe(true);
  });
});
