/**
 * Control characters in what a person typed. A name, an email or a phone number is one line: no
 * control character belongs in it (a line break or an escape sequence in a customer's name breaks
 * the agent's chat list, transcripts and mail headers). A multi-line text may hold tabs and line
 * breaks, nothing else. Server-side only: the customer page learns of it as the field's `invalid`
 * problem, in its reader's language, and its bundle stays as small as it is.
 */
import type { FieldProblem, FormCheck } from './dataCollection.js';
import type { FormFieldView } from '../protocol/views.js';

// Control characters are what these patterns are for.
/* eslint-disable no-control-regex */
/**
 * C0 controls, DEL, and the bidirectional embeddings, overrides and isolates (U+202A–202E,
 * U+2066–2069): a first name "Ev" + U+202E (right-to-left override) + "il" beside the last name
 * "X" showed as "EvX li" in the console, spilling into the last name. Right-to-left letters
 * themselves are welcome.
 */
const ANY_CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/** The C0 controls and DEL but tab, line feed and carriage return (a message's own direction marks may stay). */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/* eslint-enable no-control-regex */

export const hasControlCharacter = (text: string, multiLine = false): boolean => (multiLine ? CONTROL_BUT_LINES : ANY_CONTROL).test(text);

/** `check` with every value that holds a control character its field does not allow refused as invalid. */
export function refuseControlCharacters(fields: readonly FormFieldView[], check: FormCheck, describe: (label: string, problem: FieldProblem) => string): FormCheck {
  const values = { ...check.values };
  const errors = { ...check.errors };
  const problems = { ...check.problems };
  for (const field of fields) {
    const value = values[field.id];
    if (value === undefined || !hasControlCharacter(value, field.type === 'textarea')) continue;
    delete values[field.id];
    problems[field.id] = { code: 'invalid' };
    errors[field.id] = describe(field.label, { code: 'invalid' });
  }
  return { values, errors, problems };
}
