/**
 * The staff screens (agent console, Client Admin Portal and their shared parts) take their words from
 * words modules (web/agent/*Words.ts, web/admin/*Words.ts, web/shared/*Words.ts), not from components, so
 * that they can be translated as a whole. This guard parses every .tsx file under web/agent, web/admin and
 * web/shared and fails, naming file:line and the text, on English written inline where it reaches the screen:
 *  (a) JSX text with a letter in it (`<h2>No chat selected</h2>`);
 *  (b) a string literal with a letter given to a wording attribute (aria-label, placeholder, title, label,
 *      alt, …), written `title="…"` or `title={'…'}`;
 *  (c) a string literal with a letter as the value of a JSX expression: a child `{'…'}`, or a branch of a
 *      conditional (`{ended ? 'Ended' : 'Open'}`) or of `&&`, `||`, `??` inside a JSX expression that is a
 *      child or a wording attribute's value.
 * Class names, ids, URLs, event names and the like sit in attributes that are not checked (class, id, href,
 * type, name, role, …); punctuation and symbols ('·', '—', '×') have no letter and pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const folders = ['web/agent', 'web/admin', 'web/shared'];

/** Attributes whose value is read by people (or by screen readers), and the props of our components that carry words. */
const WORDING_ATTRIBUTES = new Set([
  'aria-label',
  'placeholder',
  'title',
  'label',
  'alt',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  // Components' wording props: SignIn, NameDialog, ConfirmDialog, ConfirmModal, BackButton, NumberField, …
  'subtitle',
  'hint',
  'notice',
  'warning',
  'text',
  'confirmLabel',
  'cancelLabel',
  'failure',
]);

const hasLetter = (text: string) => /\p{L}/u.test(text);

type Finding = { file: string; line: number; text: string; why: string };

/** The inline words of one .tsx source. */
export function inlineWords(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string, why: string) =>
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().replace(/\s+/g, ' '), why });

  /** The letters of a string literal or template (its fixed parts), or null if it is not one. */
  const literalText = (node: ts.Node): string | null => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => ` ${span.literal.text}`).join('');
    return null;
  };

  /** The value of a JSX expression: the expression itself, and the branches it may take. */
  const checkValue = (node: ts.Node, why: string) => {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return checkValue(node.expression, why);
    if (ts.isConditionalExpression(node)) {
      checkValue(node.whenTrue, why);
      checkValue(node.whenFalse, why);
      return;
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        if (op !== ts.SyntaxKind.AmpersandAmpersandToken) checkValue(node.left, why);
        checkValue(node.right, why);
      }
      return;
    }
    const text = literalText(node);
    if (text !== null && hasLetter(text)) report(node, text, why);
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (hasLetter(node.text)) report(node, node.text, 'JSX text');
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      if (WORDING_ATTRIBUTES.has(name) && node.initializer) {
        if (ts.isStringLiteral(node.initializer)) {
          if (hasLetter(node.initializer.text)) report(node.initializer, node.initializer.text, `${name} attribute`);
        } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
          checkValue(node.initializer.expression, `${name} attribute`);
        }
      }
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      checkValue(node.expression, 'JSX expression');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function tsxFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tsx'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describe('staff screens take their words from words modules', () => {
  it('finds inline words in each position it guards (and only there)', () => {
    const source = [
      'export const A = ({ on, n }: { on: boolean; n: number }) => (',
      '  <div class={on ? "rc-on" : "rc-off"} id="main" role="status" data-x="y">',
      '    <h2>No chat selected</h2>',
      '    <input aria-label="Message" placeholder={on ? "This chat has ended" : "Type a message…"} type="text" name="body" />',
      '    <img alt={"A picture"} src="https://example.com/a.png" />',
      "    {'Connecting…'}",
      '    {on && `Ended ${n} times`}',
      "    <span>{on ? WORDS.ended : '—'}</span>",
      '    <span title={WORDS.title}>{WORDS.body} · {n}</span>',
      '    <Dialog confirmLabel="Delete queue" hint={WORDS.hint} initial="" buttonClass="rc-btn" />',
      '  </div>',
      ');',
    ].join('\n');
    expect(inlineWords('planted.tsx', source).map((f) => `${f.line} ${f.why}: ${f.text}`)).toEqual([
      '3 JSX text: No chat selected',
      '4 aria-label attribute: Message',
      '4 placeholder attribute: This chat has ended',
      '4 placeholder attribute: Type a message…',
      '5 alt attribute: A picture',
      '6 JSX expression: Connecting…',
      '7 JSX expression: Ended times',
      '10 confirmLabel attribute: Delete queue',
    ]);
  });

  const files = folders.flatMap(tsxFiles);

  it('looks at the staff screens', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('has no English written inline in web/agent, web/admin or web/shared', () => {
    const findings = files.flatMap((file) => inlineWords(file, readFileSync(join(root, file), 'utf8')));
    const lines = findings.map((f) => `${f.file}:${f.line} (${f.why}) ${JSON.stringify(f.text)}`);
    expect(lines, `Move these words into a words module (e.g. web/agent/*Words.ts):\n${lines.join('\n')}\n`).toEqual([]);
  });
});
