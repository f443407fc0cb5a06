/** Saving one form: busy flag, "Saved", the server's messages at their fields, and the Save bar. */
import { useState } from 'preact/hooks';
import { ApiError } from '../shared/http.js';
import { SAVE_WORDS } from './saveWords.js';

export interface SaveState {
  saving: boolean;
  saved: boolean;
  fields: Record<string, string>;
  error: string | null;
}

export function useSave() {
  const [state, setState] = useState<SaveState>({ saving: false, saved: false, fields: {}, error: null });

  async function run<R>(call: () => Promise<R>, onDone: (result: R) => void): Promise<void> {
    if (state.saving) return;
    setState({ saving: true, saved: false, fields: state.fields, error: null });
    try {
      const result = await call();
      setState({ saving: false, saved: true, fields: {}, error: null });
      onDone(result);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      const message = error instanceof Error ? error.message : SAVE_WORDS.failed;
      const placed = Object.keys(fields).filter((k) => k !== '_').length;
      setState({ saving: false, saved: false, fields, error: placed ? SAVE_WORDS.notSaved : message });
    }
  }

  /** After an edit: "Saved" goes away; the edited field's message too. */
  function edited(key?: string) {
    setState((s) => {
      if (!s.saved && (!key || !s.fields[key])) return s;
      const fields = { ...s.fields };
      if (key) delete fields[key];
      return { ...s, saved: false, fields };
    });
  }

  const invalid = (key: string) => (state.fields[key] ? 'true' : undefined);
  return { ...state, run, edited, invalid };
}

export function SaveBar({ state, label = SAVE_WORDS.save }: { state: SaveState; label?: string }) {
  return (
    <footer class="settings-actions">
      <button type="submit" class="rc-btn rc-btn-primary" disabled={state.saving}>
        {state.saving && <span class="rc-spinner" aria-hidden="true" />}
        {label}
      </button>
      <span class="save-status" role="status">
        {state.saved && <span class="save-ok">{SAVE_WORDS.saved}</span>}
      </span>
      {state.error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {state.error}
        </p>
      )}
    </footer>
  );
}
