// Durable UI state: the screen stack, each screen's selection, half-typed drafts and the status
// line. It lives outside React, created once per run, so nothing is lost when the terminal is
// handed to a shell, when a screen is left and re-entered, or when a failed screen is redrawn.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { confirmStep, type Question } from '../../../components/confirm/confirm-state';
import type { HeaderIdentity } from '../../../components/header-identity';
import type { Status } from '../../../components/status';
import type { OpenArgs, ParamlessRoute, Route, ScreenEntry } from '../navigation/route-params';

export type { Status };

export interface UiState {
  /** Bottom first; the last entry is the focused screen. Never empty. */
  stack: readonly ScreenEntry[];
  help: { open: boolean; offset: number };
  /** Cursor row per screen entry id. */
  selections: Readonly<Record<string, number>>;
  /**
   * The ID of the item under the cursor, per screen entry id, for lists that reorder under it
   * (opening an account makes it a recent, which moves it up): the cursor follows the item.
   */
  anchors: Readonly<Record<string, string>>;
  /** Text being typed, per field. */
  drafts: Readonly<Record<string, string>>;
  status?: Status;
  /** Who the AWS SDK is here, for the header; undefined until known. */
  identity?: HeaderIdentity;
  /** A yes/no question before something is lost; while it is up, only its keys work. */
  confirm?: Question<() => void>;
  /**
   * Each form's state (its reducer's), by the route it is for: a draft, an assume under way and
   * its failure outlive the screen (the MFA form replaces the assume form while a code is asked).
   */
  forms: Readonly<Record<string, unknown>>;
}

export interface UiActions {
  /** Opens a screen on top, with the parameters its route declares. */
  open<R extends Route>(screen: R, ...params: OpenArgs<R>): void;
  /** Leaves the focused screen; does nothing on the first one. */
  back(): void;
  /**
   * Leaves the top `leaving` screens (never the first) and opens one in their place: the end of a
   * flow (a role made) is not gone back into with Esc.
   */
  openInstead<R extends Route>(leaving: number, screen: R, ...params: OpenArgs<R>): void;
  /** Back to the first screen (the dashboard), leaving every other. */
  backToHome(): void;
  /** Puts a screen's cursor on a row. */
  select(entryId: string, row: number): void;
  toggleHelp(): void;
  scrollHelp(by: number, rows: number): void;
  /** Moves a screen's cursor by `by` rows within [0, rows), and returns where it landed. */
  moveSelection(entryId: string, by: number, rows: number): number;
  /** The cursor row now; handlers use this, as several keys can arrive before a re-render. */
  selection(entryId: string): number;
  /** Notes which item the cursor is on; undefined forgets it (the row then stays by number). */
  anchor(entryId: string, key: string | undefined): void;
  setDraft(field: string, text: string): void;
  clearDraft(field: string): void;
  say(status: Status | undefined): void;
  setIdentity(identity: HeaderIdentity | undefined): void;
  /** Asks before `question.action` is done; a question already up stays, and this one is dropped. */
  ask(question: Question<() => void>): void;
  /** The answer to the question up: yes does its action. */
  answer(yes: boolean): void;
  /** Changes a form's state from what it is now (keys can come faster than redraws); returns it. */
  updateForm<S>(key: string, change: (state: S | undefined) => S): S;
  /** Forgets a form's kept state: what it held is done with (the role it described is made). */
  forgetForm(key: string): void;
}

export type UiStore = StoreApi<UiState & { actions: UiActions }>;

export function createUiStore(home: ParamlessRoute, initial: Partial<UiState> = {}): UiStore {
  let openings = 0;
  return createStore<UiState & { actions: UiActions }>()((set, get) => ({
    stack: [{ id: `${home}#0`, screen: home, params: {} } as ScreenEntry],
    help: { open: false, offset: 0 },
    selections: {},
    anchors: {},
    drafts: {},
    forms: {},
    ...initial,
    actions: {
      // `open`'s signature ties the route to its parameters; TypeScript cannot follow that into
      // the union of entries, hence the casts.
      open: (screen, ...[params]) =>
        set((s) => ({
          stack: [...s.stack, { id: `${screen}#${++openings}`, screen, params: params ?? {} } as ScreenEntry],
        })),
      openInstead: (leaving, screen, ...[params]) =>
        set((s) => {
          const kept = s.stack.slice(0, Math.max(1, s.stack.length - leaving));
          const left = new Set(s.stack.slice(kept.length).map((e) => e.id));
          const stays = ([id]: [string, unknown]) => !left.has(id);
          return {
            stack: [...kept, { id: `${screen}#${++openings}`, screen, params: params ?? {} } as ScreenEntry],
            selections: Object.fromEntries(Object.entries(s.selections).filter(stays)),
            anchors: Object.fromEntries(Object.entries(s.anchors).filter(stays)),
          };
        }),
      back: () =>
        set((s) => {
          if (s.stack.length <= 1) return s;
          const leaving = s.stack.at(-1)?.id ?? '';
          const { [leaving]: _forgotten, ...selections } = s.selections;
          const { [leaving]: _gone, ...anchors } = s.anchors;
          return { stack: s.stack.slice(0, -1), selections, anchors };
        }),
      backToHome: () =>
        set((s) => {
          const home = s.stack[0]?.id ?? '';
          return {
            stack: s.stack.slice(0, 1),
            selections: home in s.selections ? { [home]: s.selections[home] ?? 0 } : {},
            anchors: home in s.anchors ? { [home]: s.anchors[home] ?? '' } : {},
          };
        }),
      select: (entryId, row) =>
        set((s) => ({ selections: { ...s.selections, [entryId]: Math.max(0, row) } })),
      toggleHelp: () => set((s) => ({ help: { open: !s.help.open, offset: 0 } })),
      scrollHelp: (by, rows) =>
        set((s) => ({
          help: { ...s.help, offset: Math.min(Math.max(0, s.help.offset + by), Math.max(0, rows)) },
        })),
      moveSelection: (entryId, by, rows) => {
        const row = Math.min(Math.max(0, (get().selections[entryId] ?? 0) + by), Math.max(0, rows - 1));
        set((s) => ({ selections: { ...s.selections, [entryId]: row } }));
        return row;
      },
      selection: (entryId) => get().selections[entryId] ?? 0,
      anchor: (entryId, key) =>
        set((s) => {
          if (s.anchors[entryId] === key) return s;
          const { [entryId]: _old, ...anchors } = s.anchors;
          return { anchors: key === undefined ? anchors : { ...anchors, [entryId]: key } };
        }),
      setDraft: (field, text) => set((s) => ({ drafts: { ...s.drafts, [field]: text } })),
      clearDraft: (field) =>
        set((s) => {
          const { [field]: _cleared, ...drafts } = s.drafts;
          return { drafts };
        }),
      say: (status) => set({ status }),
      setIdentity: (identity) => set({ identity }),
      ask: (question) => set((s) => ({ confirm: confirmStep(s.confirm, { type: 'ask', question }).state })),
      answer: (yes) => {
        const { state, confirmed } = confirmStep(get().confirm, { type: 'answer', yes });
        set({ confirm: state });
        confirmed?.();
      },
      updateForm: <S>(key: string, change: (state: S | undefined) => S): S => {
        const state = change(get().forms[key] as S | undefined);
        set((s) => ({ forms: { ...s.forms, [key]: state } }));
        return state;
      },
      forgetForm: (key) =>
        set((s) => {
          const { [key]: _done, ...forms } = s.forms;
          return { forms };
        }),
    },
  }));
}

const UiStoreContext = createContext<UiStore | undefined>(undefined);

export const UiStoreProvider = UiStoreContext.Provider;

function useUiStore(): UiStore {
  const store = useContext(UiStoreContext);
  if (!store) throw new Error('useUiState needs a UiStoreProvider above it');
  return store;
}

/** A slice of UI state; `pick` must return something held in the state, not a new object. */
export function useUiState<T>(pick: (state: UiState) => T): T {
  return useStore(useUiStore(), pick);
}

/** The actions, which never change, so a component that only acts never re-renders for state. */
export function useUiActions(): UiActions {
  return useUiStore().getState().actions;
}
