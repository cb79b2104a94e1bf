// A walkthrough page as terminal rows: its paragraphs wrapped at the screen's width as ink wraps
// them, a blank row between two, so that the screen can show the rows that fit and scroll the rest.
import wrapAnsi from 'wrap-ansi';
import type { Tone } from '../../components/theme';

export interface PageRow {
  text: string;
  bold?: boolean;
  dim?: boolean;
  tone?: Tone;
}

/** A paragraph and how it is drawn; `indent` is the room left before its wrapped lines. */
export interface Paragraph extends Omit<PageRow, 'text'> {
  text: string;
  indent?: number;
  /** No blank row before it: it belongs with the one above (a finding's fix, a list's item). */
  tight?: boolean;
  /** The room left before every line but the first (a numbered item's). */
  hang?: number;
  /** Spaces kept as they are (a diff's lines, whose first column is their mark). */
  verbatim?: boolean;
}

export function pageRows(paragraphs: readonly Paragraph[], width: number): PageRow[] {
  const rows: PageRow[] = [];
  for (const [i, { text, indent = 0, tight, hang = 0, verbatim = false, ...look }] of paragraphs.entries()) {
    if (i > 0 && !tight) rows.push({ text: '' });
    const pad = ' '.repeat(indent);
    const lines = wrapAnsi(text, Math.max(1, width - indent - hang), { hard: true, trim: !verbatim }).split(
      '\n',
    );
    for (const [n, line] of lines.entries())
      rows.push({ text: pad + (n > 0 ? ' '.repeat(hang) : '') + line, ...look });
  }
  return rows;
}

/** The first row shown, kept so that the window is full when it can be. */
export function clampOffset(offset: number, rows: number, height: number): number {
  return Math.min(Math.max(0, offset), Math.max(0, rows - height));
}
