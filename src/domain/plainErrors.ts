/**
 * Plain words for refusals that a schema gives no message of its own, so that
 * zod's developer text ("Too big: expected string to have <=120 characters")
 * never reaches a customer, agent or admin: what is wrong and the limit, in
 * words a person reads. A schema's own message always wins (zod asks this map
 * only for issues without one); these are the server's words, kept together
 * so that they can be translated as a whole.
 */
import type { z } from 'zod';

const count = (n: number | bigint): string => Number(n).toLocaleString('en-US');

const WORDS = {
  required: 'This field is required.',
  text: 'Enter text.',
  number: 'Enter a number.',
  wholeNumber: 'Enter a whole number.',
  yesNo: 'Choose yes or no.',
  list: 'Enter a list.',
  object: 'This part of the request is missing or malformed.',
  wrongType: 'This value has the wrong type.',
  atMostChars: (n: string) => `At most ${n} characters.`,
  atLeastChars: (n: string) => `At least ${n} characters.`,
  atMostItems: (n: string) => `At most ${n} items.`,
  atLeastItems: (n: string) => `At least ${n} items.`,
  atMost: (n: string) => `At most ${n}.`,
  lessThan: (n: string) => `Less than ${n}.`,
  atLeast: (n: string) => `At least ${n}.`,
  moreThan: (n: string) => `More than ${n}.`,
  email: 'Enter a valid email address, like name@example.com.',
  url: 'Enter a valid web address, like https://example.com.',
  id: 'This id is not valid.',
  format: 'This value is not in the expected format.',
  oneOf: (values: string) => `Choose one of: ${values}.`,
  unknownFields: (keys: string) => `Unknown field: ${keys}.`,
  multipleOf: (n: string) => `Must be a multiple of ${n}.`,
  invalid: 'This value is not valid.',
};

type Issue = Parameters<z.core.$ZodErrorMap>[0];

function tooBig(issue: Issue & { code: 'too_big' }): string {
  const limit = count(issue.maximum as number);
  if (issue.origin === 'string') return WORDS.atMostChars(limit);
  if (issue.origin === 'array' || issue.origin === 'set') return WORDS.atMostItems(limit);
  return issue.inclusive === false ? WORDS.lessThan(limit) : WORDS.atMost(limit);
}

function tooSmall(issue: Issue & { code: 'too_small' }): string {
  const limit = count(issue.minimum as number);
  if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? WORDS.required : WORDS.atLeastChars(limit);
  if (issue.origin === 'array' || issue.origin === 'set') return WORDS.atLeastItems(limit);
  return issue.inclusive === false ? WORDS.moreThan(limit) : WORDS.atLeast(limit);
}

function wrongType(issue: Issue & { code: 'invalid_type' }): string {
  if (issue.input === undefined || issue.input === null) return WORDS.required;
  switch (issue.expected) {
    case 'string':
      return WORDS.text;
    case 'number':
    case 'bigint':
      return WORDS.number;
    case 'int':
      return WORDS.wholeNumber;
    case 'boolean':
      return WORDS.yesNo;
    case 'array':
      return WORDS.list;
    case 'object':
      return WORDS.object;
    default:
      return WORDS.wrongType;
  }
}

function badFormat(issue: Issue & { code: 'invalid_format' }): string {
  if (issue.format === 'email') return WORDS.email;
  if (issue.format === 'url') return WORDS.url;
  if (issue.format === 'uuid' || issue.format === 'guid') return WORDS.id;
  return WORDS.format;
}

/** The message for an issue whose schema gave none. Pass as `safeParse(input, { error: plainError })`. */
export function plainError(issue: Issue): string {
  switch (issue.code) {
    case 'too_big':
      return tooBig(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'invalid_type':
      return wrongType(issue);
    case 'invalid_format':
      return badFormat(issue);
    case 'invalid_value':
      return WORDS.oneOf(issue.values.map(String).join(', '));
    case 'unrecognized_keys':
      return WORDS.unknownFields(issue.keys.join(', '));
    case 'not_multiple_of':
      return WORDS.multipleOf(count(issue.divisor as number));
    default:
      return WORDS.invalid;
  }
}
