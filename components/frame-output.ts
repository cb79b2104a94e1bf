// The grid ink paints each frame into, built so that a frame costs what changed in it. ink's own
// Output (ink/build/output.js, 8.0.0) starts every frame from nothing: a new cell object for each
// of the screen's cells, and every text on screen tokenised and measured again. The dashboard
// ticks once a second and changes a few digits, so that was ~0.5 MB of garbage a second (a
// scavenge a second once V8 shrinks the young generation) and most of its idle CPU. This Output
// is ink's, with two differences that leave every frame's text the same: blank cells are one
// shared cell (ink never changes a cell, it puts new ones in its place), and what a frame
// tokenised and measured is kept for the next one (only what the last frame used, so a day of
// countdowns does not pile up). The build hands ink's Output to frameOutputOn and gives ink's
// renderer the result (scripts/bundle-options.mjs): ink does not export its Output.
// ink's own dependency, the one its Output turns cells into text with (not a dependency of ours).
import { styledCharsToString } from '@alcalzone/ansi-tokenize';

/** ink's Output class (ink/build/output.js) as its renderer uses it. */
export interface InkOutputClass {
  new (options: {
    width: number;
    height: number;
  }): {
    width: number;
    height: number;
    get(): { output: string; height: number };
  };
}

type StyledChar = { type: 'char'; value: string; fullWidth: boolean; styles: readonly unknown[] };

/** ink's OutputCaches: the three lookups ink's Output makes through `this.caches`. */
interface Caches {
  styledChars: Map<string, StyledChar[]>;
  widths: Map<string, number>;
  blockWidths: Map<string, number>;
  getStyledChars(line: string): StyledChar[];
  getStringWidth(text: string): number;
  getWidestLine(text: string): number;
}

/** ink's Output with its private parts as this file uses them. */
interface InkOutputInternals {
  operations: Array<{ type: 'write' | 'clip' | 'unclip'; clip?: Clip }>;
  caches: Caches;
  applyWriteOperation(output: StyledChar[][], operation: unknown, clip: Clip | undefined): void;
}
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };

const BLANK: StyledChar = Object.freeze({
  type: 'char',
  value: ' ',
  fullWidth: false,
  styles: Object.freeze([]),
});

/**
 * The lookups of the frame being drawn and of the one before: what is asked again is moved
 * forward, what the last frame did not use is let go. Misses are computed by ink's own caches
 * (emptied after each frame), so a value is always what ink would have computed.
 */
class FrameCaches {
  readonly #compute: Caches;
  #previous = { styledChars: new Map<string, StyledChar[]>(), widths: new Map<string, number>() };
  #current = { styledChars: new Map<string, StyledChar[]>(), widths: new Map<string, number>() };
  #previousBlocks = new Map<string, number>();
  #currentBlocks = new Map<string, number>();

  constructor(InkOutput: InkOutputClass) {
    this.#compute = (new InkOutput({ width: 0, height: 0 }) as unknown as InkOutputInternals).caches;
  }

  getStyledChars(line: string): StyledChar[] {
    let chars = this.#current.styledChars.get(line);
    if (chars === undefined) {
      chars = this.#previous.styledChars.get(line) ?? this.#compute.getStyledChars(line);
      this.#current.styledChars.set(line, chars);
    }
    return chars;
  }

  getStringWidth(text: string): number {
    let width = this.#current.widths.get(text);
    if (width === undefined) {
      width = this.#previous.widths.get(text) ?? this.#compute.getStringWidth(text);
      this.#current.widths.set(text, width);
    }
    return width;
  }

  getWidestLine(text: string): number {
    let width = this.#currentBlocks.get(text);
    if (width === undefined) {
      width = this.#previousBlocks.get(text) ?? this.#compute.getWidestLine(text);
      this.#currentBlocks.set(text, width);
    }
    return width;
  }

  /** A frame was drawn: its lookups are the ones kept; ink's scratch caches start empty. */
  endFrame(): void {
    this.#previous = this.#current;
    this.#current = { styledChars: new Map(), widths: new Map() };
    this.#previousBlocks = this.#currentBlocks;
    this.#currentBlocks = new Map();
    this.#compute.styledChars.clear();
    this.#compute.widths.clear();
    this.#compute.blockWidths.clear();
  }

  /** How many lookups are kept, for the test that a day of frames does not pile them up. */
  size(): number {
    return (
      this.#previous.styledChars.size +
      this.#previous.widths.size +
      this.#previousBlocks.size +
      this.#current.styledChars.size +
      this.#current.widths.size +
      this.#currentBlocks.size
    );
  }
}

/**
 * ink's Output, drawing into shared blank cells with caches kept from frame to frame. One set of
 * caches per class: ink draws one frame at a time.
 */
export function frameOutputOn(InkOutput: InkOutputClass) {
  const frameCaches = new FrameCaches(InkOutput);
  return class FrameOutput extends InkOutput {
    static readonly caches = frameCaches;

    constructor(options: { width: number; height: number }) {
      super(options);
      (this as unknown as { caches: unknown }).caches = frameCaches;
    }

    /** ink's get(), with blank cells shared and a blank row's text known without building it. */
    override get(): { output: string; height: number } {
      const self = this as unknown as InkOutputInternals;
      const output: StyledChar[][] = [];
      for (let y = 0; y < this.height; y++) output.push(new Array<StyledChar>(this.width).fill(BLANK));
      const clips: Clip[] = [];
      for (const operation of self.operations) {
        if (operation.type === 'clip') clips.push(intersectClips(clips.at(-1), operation.clip ?? {}));
        else if (operation.type === 'unclip') clips.pop();
        else self.applyWriteOperation(output, operation, clips.at(-1));
      }
      const generatedOutput = output.map(rowText).join('\n');
      frameCaches.endFrame();
      return { output: generatedOutput, height: output.length };
    }
  };
}

function rowText(row: StyledChar[]): string {
  // Still the whole grid's width: a write past the right edge makes the row longer, never holes.
  if (row.every((cell) => cell === BLANK)) return '';
  return styledCharsToString(row.filter((cell) => cell !== undefined) as never).trimEnd();
}

const intersectBound = (
  a: number | undefined,
  b: number | undefined,
  tighter: (a: number, b: number) => number,
) => (a === undefined ? b : b === undefined ? a : tighter(a, b));

function intersectClips(outer: Clip | undefined, inner: Clip): Clip {
  if (!outer) return inner;
  return {
    x1: intersectBound(outer.x1, inner.x1, Math.max),
    x2: intersectBound(outer.x2, inner.x2, Math.min),
    y1: intersectBound(outer.y1, inner.y1, Math.max),
    y2: intersectBound(outer.y2, inner.y2, Math.min),
  };
}
