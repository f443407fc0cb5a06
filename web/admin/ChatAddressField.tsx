/**
 * General Settings: the queue's address, the last part of its Reactive Chat URL. Editable, with the
 * warning that the old link stops working shown as soon as it differs from the saved one (the tab also
 * asks before saving it, SLUG_WORDS.confirm*).
 */
import { FieldError } from './FieldError.js';
import { SLUG_WORDS as W } from './slugWords.js';

export interface ChatAddressFieldProps {
  /** The chat URL up to the address, e.g. https://chat.example.com/chat/ */
  prefix: string;
  value: string;
  saved: string;
  error: string | undefined;
  onInput: (value: string) => void;
}

/** The address as the server stores it (trimmed, lower case), to tell a real change from a retyped one. */
export const normalSlug = (text: string): string => text.trim().toLowerCase();

export function ChatAddressField({ prefix, value, saved, error, onInput }: ChatAddressFieldProps) {
  const changed = normalSlug(value) !== saved;
  const describedBy = ['gs-slug-hint', changed ? 'gs-slug-warning' : '', error ? 'gs-slug-error' : ''].filter(Boolean).join(' ');
  return (
    <div class="rc-field">
      <label class="rc-label" for="gs-slug">
        {W.label}
      </label>
      <div class="slug-row">
        <span class="slug-prefix" aria-hidden="true">
          {prefix}
        </span>
        <input
          id="gs-slug"
          class="rc-input slug-input"
          type="text"
          value={value}
          autoComplete="off"
          spellcheck={false}
          maxLength={63}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </div>
      <p class="rc-hint" id="gs-slug-hint">
        {W.hint}
      </p>
      <div aria-live="polite">
        {changed && (
          <p class="rc-alert rc-alert-warning" id="gs-slug-warning">
            {W.warning}
          </p>
        )}
      </div>
      <FieldError id="gs-slug-error" message={error} />
    </div>
  );
}
