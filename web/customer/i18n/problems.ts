/** A field's problem (src/domain/dataCollection.ts) in the reader's language. */
import type { FieldProblem } from '../../../src/domain/dataCollection.js';
import { words } from './messages.js';

export function describeProblem(label: string, problem: FieldProblem): string {
  const t = words.errors.get();
  switch (problem.code) {
    case 'required':
      return t.required({ label });
    case 'too_long':
      return t.tooLong({ label, max: problem.max });
    case 'email':
      return t.email;
    case 'phone':
      return t.phone;
    case 'choose':
      return t.choose({ label });
    case 'invalid':
      return t.invalid({ label });
  }
}
