/**
 * Data Collection form rules, shared by the server (authoritative) and the
 * customer page (instant feedback). Pure: no I/O, no dependencies, so the
 * customer bundle stays small.
 */
import type { FormFieldView } from '../protocol/views.js';

export const FIELD_VALUE_MAX = 2000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()./-]{6,24}$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}

export function isPhone(value: string): boolean {
  return PHONE_PATTERN.test(value) && /[0-9].*[0-9].*[0-9].*[0-9].*[0-9].*[0-9]/.test(value);
}

/** The message for one field's value, or null when the value is acceptable. */
export function fieldError(field: FormFieldView, raw: string | undefined): string | null {
  const value = (raw ?? '').trim();
  if (value === '') return field.required ? `${field.label} is required.` : null;
  if (value.length > FIELD_VALUE_MAX) return `${field.label} must be at most ${FIELD_VALUE_MAX} characters.`;
  switch (field.type) {
    case 'email':
      return isEmail(value) ? null : 'Enter a valid email address, like name@example.com.';
    case 'phone':
      return isPhone(value) ? null : 'Enter a valid phone number.';
    case 'select':
      return (field.options ?? []).includes(value) ? null : `Choose one of the options for ${field.label}.`;
    default:
      return null;
  }
}

export interface FormCheck {
  /** Trimmed values for the form's fields only; unknown keys are dropped. */
  values: Record<string, string>;
  /** Messages keyed by field id; empty when the form is valid. */
  errors: Record<string, string>;
}

export function checkForm(fields: readonly FormFieldView[], input: Record<string, unknown>): FormCheck {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = input[field.id];
    if (raw !== undefined && typeof raw !== 'string') {
      errors[field.id] = `${field.label} must be text.`;
      continue;
    }
    const message = fieldError(field, raw);
    if (message) errors[field.id] = message;
    else if (raw !== undefined && raw.trim() !== '') values[field.id] = raw.trim();
  }
  return { values, errors };
}

/** A name to show agents: first + last name when collected, else the email, else "Customer". */
export function customerDisplayName(fields: readonly FormFieldView[], values: Record<string, string>): string {
  const byLabel = (pattern: RegExp) => fields.find((f) => pattern.test(f.label) && values[f.id])?.id;
  const first = byLabel(/first\s*name/i);
  const last = byLabel(/last\s*name|surname/i);
  const name = byLabel(/^name$|full\s*name/i);
  const email = fields.find((f) => f.type === 'email' && values[f.id])?.id;
  const parts = [first, last].filter((id): id is string => !!id).map((id) => values[id]);
  if (parts.length) return parts.join(' ');
  if (name) return values[name] ?? 'Customer';
  if (email) return values[email] ?? 'Customer';
  return 'Customer';
}
