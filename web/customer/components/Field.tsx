/**
 * One labelled form control with its error message, wired for assistive
 * technology: the label names the control, required fields carry a visual
 * red asterisk (hidden from screen readers, which get aria-required instead),
 * and an error is linked through aria-describedby and flagged by aria-invalid.
 */
import type { JSX } from 'preact';
import { words } from '../i18n/messages.js';

export type FieldKind = 'text' | 'email' | 'phone' | 'select' | 'textarea';

interface FieldProps {
  /** id of the control; the label points at it. */
  id: string;
  /** id of the error element, e.g. "error-<fieldId>". */
  errorId: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  value: string;
  error?: string | null | undefined;
  options?: readonly string[] | undefined;
  /** What to show for each option in the reader's language (the queue's translation); the value sent stays `options[i]`. */
  optionLabels?: readonly string[] | undefined;
  placeholder?: string | undefined;
  autoComplete?: string | undefined;
  maxLength?: number | undefined;
  hint?: string | undefined;
  onInput: (value: string) => void;
}

const INPUT_TYPE: Record<Exclude<FieldKind, 'select' | 'textarea'>, string> = {
  text: 'text',
  email: 'email',
  phone: 'tel',
};

export function Field(props: FieldProps) {
  const { id, errorId, label, kind, required, value, error, options, optionLabels, placeholder, autoComplete, maxLength, hint, onInput } = props;
  const t = words.form.get();
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    'aria-required': required ? ('true' as const) : undefined,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    autoComplete,
    onInput: (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      onInput(e.currentTarget.value),
  };

  let control: JSX.Element;
  if (kind === 'select') {
    control = (
      <select {...common} onChange={common.onInput}>
        <option value="">{t.choose}</option>
        {(options ?? []).map((option, i) => (
          <option key={option} value={option}>
            {optionLabels?.[i] || option}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'textarea') {
    control = <textarea {...common} rows={4} placeholder={placeholder} maxLength={maxLength} />;
  } else {
    control = (
      <input
        {...common}
        type={INPUT_TYPE[kind]}
        placeholder={placeholder}
        maxLength={maxLength}
        inputMode={kind === 'phone' ? 'tel' : kind === 'email' ? 'email' : undefined}
      />
    );
  }

  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>
        {label}
        {required && (
          <span class="required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {hint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {control}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Moves focus to the first control that has an error (in the order given). */
export function focusFirstInvalid(ids: readonly string[], errors: Record<string, string | null | undefined>, idOf: (key: string) => string): void {
  const first = ids.find((key) => errors[key]);
  if (first) document.getElementById(idOf(first))?.focus();
}
