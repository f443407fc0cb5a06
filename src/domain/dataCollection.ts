/**
 * Data Collection form rules, shared by the server (authoritative) and the
 * customer page (instant feedback). Pure: no I/O, no dependencies, so the
 * customer bundle stays small.
 */
import type { FieldProblem } from '../protocol/errors.js';
import type { FormFieldView } from '../protocol/views.js';

export type { FieldProblem };

export const FIELD_VALUE_MAX = 2000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9 ()./-]{6,24}$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}

export function isPhone(value: string): boolean {
  return PHONE_PATTERN.test(value) && /[0-9].*[0-9].*[0-9].*[0-9].*[0-9].*[0-9]/.test(value);
}


export function fieldProblem(field: FormFieldView, raw: string | undefined): FieldProblem | null {
  const value = (raw ?? '').trim();
  if (value === '') return field.required ? { code: 'required' } : null;
  if (value.length > FIELD_VALUE_MAX) return { code: 'too_long', max: FIELD_VALUE_MAX };
  switch (field.type) {
    case 'email':
      return isEmail(value) ? null : { code: 'email' };
    case 'phone':
      return isPhone(value) ? null : { code: 'phone' };
    case 'select':
      return (field.options ?? []).includes(value) ? null : { code: 'choose' };
    default:
      return null;
  }
}

/** Words a problem for a field's label: problemText (English) on the server, the reader's language on the customer page. */
export type Describe = (label: string, problem: FieldProblem) => string;

/** The English message for a problem (the server's answers; the customer page words it in the reader's language). */
export function problemText(label: string, problem: FieldProblem): string {
  switch (problem.code) {
    case 'required':
      return `${label} is required.`;
    case 'too_long':
      return `${label} must be at most ${problem.max} characters.`;
    case 'email':
      return 'Enter a valid email address, like name@example.com.';
    case 'phone':
      return 'Enter a valid phone number.';
    case 'choose':
      return `Choose one of the options for ${label}.`;
    case 'invalid':
      return `${label} is not valid.`;
  }
}

/** The message for one field's value, or null when the value is acceptable. */
export function fieldError(field: FormFieldView, raw: string | undefined, describe: Describe): string | null {
  const problem = fieldProblem(field, raw);
  return problem ? describe(field.label, problem) : null;
}

export interface FormCheck {
  /** Trimmed values for the form's fields only; unknown keys are dropped. */
  values: Record<string, string>;
  /** Messages keyed by field id; empty when the form is valid. */
  errors: Record<string, string>;
  /** The same problems as codes, for a page that words them in another language than `describe`'s. */
  problems: Record<string, FieldProblem>;
}

/** `describe` words each problem: problemText (English) on the server, the reader's language on the customer page. */
export function checkForm(fields: readonly FormFieldView[], input: Record<string, unknown>, describe: Describe): FormCheck {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const raw = input[field.id];
    const problem: FieldProblem | null = raw !== undefined && typeof raw !== 'string' ? { code: 'invalid' } : fieldProblem(field, raw);
    if (problem) {
      problems[field.id] = problem;
      errors[field.id] = describe(field.label, problem);
    } else if (typeof raw === 'string' && raw.trim() !== '') values[field.id] = raw.trim();
  }
  return { values, errors, problems };
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
