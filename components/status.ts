// What the status line says: the last thing that happened, and how it went. A value the store
// keeps and the shell sets; components/status-line.tsx draws it.

export interface Status {
  tone: 'info' | 'warning' | 'error';
  text: string;
}
