// The walkthrough's pages in order, by id: the concepts, then the check of this terminal's setup,
// then the guided setup. An id is what settings keep (where the walkthrough was left), so ids
// never change meaning; a kept id rolecall no longer knows resumes at the first page.

export const CONCEPT_PAGE_IDS = [
  'accounts',
  'policies',
  'credentials',
  'mfa',
  'external-id',
  'deny',
] as const;

export type ConceptPageId = (typeof CONCEPT_PAGE_IDS)[number];

export const TOUR_PAGE_IDS = [...CONCEPT_PAGE_IDS, 'check', 'setup'] as const;

export type TourPageId = (typeof TOUR_PAGE_IDS)[number];

/** The part of the walkthrough a page belongs to, as the footer names it. */
export type TourPart = 'Concepts' | 'Check your setup' | 'Guided setup';

export interface TourPosition {
  /** 1-based, over the whole walkthrough. */
  step: number;
  steps: number;
  part: TourPart;
  /** 1-based within the part, and the part's length. */
  page: number;
  pages: number;
}

export function isTourPage(id: string | undefined): id is TourPageId {
  return id !== undefined && (TOUR_PAGE_IDS as readonly string[]).includes(id);
}

/** The page to open: the one asked for, else the one left, else the first. */
export function startPage(asked: string | undefined, left: string | undefined): TourPageId {
  if (isTourPage(asked)) return asked;
  if (isTourPage(left)) return left;
  return TOUR_PAGE_IDS[0];
}

export function positionOf(id: TourPageId): TourPosition {
  const index = TOUR_PAGE_IDS.indexOf(id);
  const concept = (CONCEPT_PAGE_IDS as readonly string[]).indexOf(id);
  const part: TourPart = concept >= 0 ? 'Concepts' : id === 'check' ? 'Check your setup' : 'Guided setup';
  return {
    step: index + 1,
    steps: TOUR_PAGE_IDS.length,
    part,
    page: concept >= 0 ? concept + 1 : 1,
    pages: concept >= 0 ? CONCEPT_PAGE_IDS.length : 1,
  };
}

/** "Concepts · page 3 of 6 · step 3 of 8"; a part of one page is not counted within. */
export function positionWords(id: TourPageId): string {
  const { step, steps, part, page, pages } = positionOf(id);
  const within = pages > 1 ? ` · page ${page} of ${pages}` : '';
  return `${part}${within} · step ${step} of ${steps}`;
}

/** The page `by` pages on from `id`, kept within the walkthrough. */
export function pageAfter(id: TourPageId, by: number): TourPageId {
  const index = TOUR_PAGE_IDS.indexOf(id) + by;
  return TOUR_PAGE_IDS[Math.min(Math.max(0, index), TOUR_PAGE_IDS.length - 1)] ?? TOUR_PAGE_IDS[0];
}
