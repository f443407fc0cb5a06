import { describe, expect, it } from 'vitest';
import type { FormFieldView } from '../protocol/views.js';
import { checkForm as check, customerDisplayName, fieldError as errorOf, isEmail, isPhone, problemText, type FormCheck } from './dataCollection.js';

// The server's wording (English).
const checkForm = (form: readonly FormFieldView[], input: Record<string, unknown>): FormCheck => check(form, input, problemText);
const fieldError = (field: FormFieldView, raw: string) => errorOf(field, raw, problemText);

const fields: FormFieldView[] = [
  { id: 'first_name', label: 'First name', type: 'text', required: true },
  { id: 'last_name', label: 'Last name', type: 'text', required: true },
  { id: 'email', label: 'Email', type: 'email', required: true },
  { id: 'inquiry', label: 'Nature of inquiry', type: 'select', required: true, options: ['Billing', 'Sales'] },
  { id: 'phone', label: 'Phone', type: 'phone', required: false },
];

describe('data collection form', () => {
  it('accepts a complete form and trims the values', () => {
    const result = checkForm(fields, { first_name: ' Ana ', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' });
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({ first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' });
  });

  it('names every missing required field and ignores optional ones', () => {
    const result = checkForm(fields, { first_name: '   ' });
    expect(Object.keys(result.errors).sort()).toEqual(['email', 'first_name', 'inquiry', 'last_name']);
    expect(result.errors.first_name).toBe('First name is required.');
  });

  it('refuses a bad email, a phone without digits, an option not offered, and non-text values', () => {
    const result = checkForm(fields, { first_name: 'A', last_name: 'B', email: 'ana@', inquiry: 'Lottery', phone: 'call me' });
    expect(result.errors.email).toMatch(/valid email/);
    expect(result.errors.inquiry).toMatch(/Choose one/);
    expect(result.errors.phone).toMatch(/phone/);
    expect(checkForm(fields, { first_name: 42 }).errors.first_name).toBe('First name is not valid.');
  });

  it('gives each problem as a code too, for pages that word it in their reader’s language', () => {
    const result = checkForm(fields, { first_name: 42, last_name: 'x'.repeat(2001), email: 'ana@', inquiry: 'Lottery', phone: 'call me' });
    expect(result.problems).toEqual({
      first_name: { code: 'invalid' },
      last_name: { code: 'too_long', max: 2000 },
      email: { code: 'email' },
      inquiry: { code: 'choose' },
      phone: { code: 'phone' },
    });
    expect(checkForm(fields, { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' }).problems).toEqual({});
  });

  it('drops keys that are not fields of the form', () => {
    const result = checkForm(fields.slice(0, 1), { first_name: 'Ana', admin: 'true' });
    expect(result.values).toEqual({ first_name: 'Ana' });
  });

  it('limits the length of a value', () => {
    expect(fieldError(fields[0]!, 'x'.repeat(2001))).toMatch(/at most 2000/);
  });

  it('recognises emails and phone numbers', () => {
    expect(isEmail('name@example.com')).toBe(true);
    expect(isEmail('name@example')).toBe(false);
    expect(isPhone('+33 1 23 45 67 89')).toBe(true);
    expect(isPhone('12-34')).toBe(false);
  });

  it('names the customer from first and last name, else the email', () => {
    expect(customerDisplayName(fields, { first_name: 'Ana', last_name: 'Silva' })).toBe('Ana Silva');
    expect(customerDisplayName(fields, { email: 'ana@example.com' })).toBe('ana@example.com');
    expect(customerDisplayName([], {})).toBe('Customer');
  });
});
