// Catches a screen that throws while rendering, so the app shows what went wrong instead of
// dying with the terminal in raw mode.
import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** A new key clears the error (the person moved to another screen). */
  resetKey: string;
  fallback: (error: Error, reset: () => void) => ReactNode;
  children: ReactNode;
}

interface State {
  error?: Error;
  resetKey: string;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { resetKey: props.resetKey, error: undefined };
  }

  reset = () => this.setState({ error: undefined });

  override render() {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}
