/**
 * The closed screen's offline options: leave a message (answered by email)
 * and request a callback. One small generic form drives both, so validation,
 * server field errors, 429 and the success message behave the same.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { type FieldProblem, isEmail, isPhone } from '../../../src/domain/dataCollection.js';
import type { OfflineItemLeftResponse } from '../../../src/protocol/http.js';
import { ApiError } from '../api.js';
import { leaveMessage, requestCallback } from '../offlineApi.js';
import { Field, focusFirstInvalid, type FieldKind } from '../components/Field.js';
import { type Words, words } from '../i18n/messages.js';
import { describeProblem } from '../i18n/problems.js';
import { failureText, fieldRefusals } from '../i18n/refusals.js';

const MESSAGE_MAX = 4000;
const SHORT_MAX = 200;

type OfflineWords = ReturnType<Words['offline']['get']>;

interface OfflineField {
  /** The request body's key: server field errors are keyed by it. */
  name: string;
  label: string;
  kind: FieldKind;
  placeholder?: string;
  autoComplete?: string;
  maxLength?: number;
  /** Message for a bad value; the value is already trimmed. */
  check: (value: string) => string | null;
}

/** Required, then the field's own rule; problems worded in the reader's language. */
const required = (label: string, more?: (v: string) => FieldProblem | null) => (value: string) => {
  const problem: FieldProblem | null = value === '' ? { code: 'required' } : (more?.(value) ?? null);
  return problem ? describeProblem(label, problem) : null;
};

function messageFields(t: OfflineWords): OfflineField[] {
  return [
    {
      name: 'email',
      label: t.email,
      kind: 'email',
      autoComplete: 'email',
      placeholder: t.emailPlaceholder,
      check: required(t.email, (v) => (isEmail(v) ? null : { code: 'email' })),
    },
    {
      name: 'message',
      label: t.message,
      kind: 'textarea',
      placeholder: t.messagePlaceholder,
      maxLength: MESSAGE_MAX,
      check: required(t.message, (v) => (v.length > MESSAGE_MAX ? { code: 'too_long', max: MESSAGE_MAX } : null)),
    },
  ];
}

function callbackFields(t: OfflineWords): OfflineField[] {
  return [
    { name: 'name', label: t.name, kind: 'text', autoComplete: 'name', maxLength: SHORT_MAX, check: required(t.name) },
    {
      name: 'phone',
      label: t.phone,
      kind: 'phone',
      autoComplete: 'tel',
      placeholder: t.phonePlaceholder,
      check: required(t.phone, (v) => (isPhone(v) ? null : { code: 'phone' })),
    },
    {
      name: 'preferredTime',
      label: t.preferredTime,
      kind: 'text',
      placeholder: t.preferredTimePlaceholder,
      maxLength: SHORT_MAX,
      check: required(t.preferredTime),
    },
  ];
}

interface OfflineFormProps {
  /** Prefix for element ids, so two forms on one page never clash. */
  idPrefix: string;
  title: string;
  intro: string;
  fields: OfflineField[];
  submitLabel: string;
  successText: string;
  submit: (values: Record<string, string>) => Promise<OfflineItemLeftResponse>;
  /** Runs with the server's answer once the form shows it was sent. */
  after?: (answer: OfflineItemLeftResponse) => void;
}

function OfflineForm({ idPrefix, title, intro, fields, submitLabel, successText, submit, after }: OfflineFormProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const successRef = useRef<HTMLParagraphElement>(null);
  const inputId = (name: string) => `${idPrefix}-${name}`;

  useLayoutEffect(() => {
    if (focusTick) focusFirstInvalid(fields.map((f) => f.name), errors, inputId);
  }, [focusTick]);
  // Move focus to the confirmation so keyboard and screen-reader users hear it.
  useEffect(() => {
    if (sent) successRef.current?.focus();
  }, [sent]);

  function change(field: OfflineField, value: string) {
    setValues((v) => ({ ...v, [field.name]: value }));
    if (errors[field.name]) setErrors((e) => ({ ...e, [field.name]: field.check(value.trim()) }));
  }

  async function onSubmit(e: JSX.TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    const trimmed: Record<string, string> = {};
    const found: Record<string, string | null> = {};
    for (const f of fields) {
      trimmed[f.name] = (values[f.name] ?? '').trim();
      found[f.name] = f.check(trimmed[f.name]!);
    }
    setErrors(found);
    if (Object.values(found).some(Boolean)) return setFocusTick((t) => t + 1);

    setBusy(true);
    try {
      const answer = await submit(trimmed);
      setSent(true);
      after?.(answer);
    } catch (error) {
      // The server's refusal worded in the reader's language: at the fields it names, else above the button.
      const known = error instanceof ApiError ? fieldRefusals(error.body, (name) => fields.find((f) => f.name === name)?.label) : {};
      if (Object.keys(known).length) {
        setErrors(known);
        setFocusTick((t) => t + 1);
      } else {
        setFormError(failureText(error));
      }
    } finally {
      setBusy(false);
    }
  }

  // The section is not given an accessible name on purpose: a region named
  // "Leave a message" would also answer to the label "Message".
  return (
    <section class="offline">
      <h3 id={`${idPrefix}-title`} class="offline-title">
        {title}
      </h3>
      {sent ? (
        <p class="success" role="status" tabIndex={-1} ref={successRef}>
          {successText}
        </p>
      ) : (
        <form class="form" noValidate onSubmit={onSubmit}>
          <p class="intro">{intro}</p>
          {fields.map((f) => (
            <Field
              key={f.name}
              id={inputId(f.name)}
              errorId={`error-${inputId(f.name)}`}
              label={f.label}
              kind={f.kind}
              required
              value={values[f.name] ?? ''}
              error={errors[f.name]}
              placeholder={f.placeholder}
              autoComplete={f.autoComplete}
              maxLength={f.maxLength}
              onInput={(v) => change(f, v)}
            />
          ))}
          {formError && (
            <p class="form-error" role="alert">
              {formError}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
            {submitLabel}
          </button>
        </form>
      )}
    </section>
  );
}

/** Sent from the waiting screen: the chat token goes along, and `onLeft` hears when the wait ended with it. */
export interface FromLine {
  chatToken?: string | undefined;
  onLeft?: ((kind: LeftWith) => void) | undefined;
}

export type LeftWith = 'message' | 'callback';

/** Tells the waiting screen the wait ended (the server ended it with the item), once the form has said it was sent. */
const leftAfter = (kind: LeftWith, from: FromLine) => (answer: OfflineItemLeftResponse) => {
  if (answer.leftLine) from.onLeft?.(kind);
};

export function LeaveMessageForm({ slug, ...from }: { slug: string } & FromLine) {
  const t = words.offline.get();
  return (
    <OfflineForm
      idPrefix="leave"
      title={t.leaveTitle}
      intro={t.leaveIntro}
      fields={messageFields(t)}
      submitLabel={t.leaveSubmit}
      successText={t.leaveSuccess}
      submit={(v) => leaveMessage(slug, { email: v.email ?? '', message: v.message ?? '' }, from.chatToken)}
      after={leftAfter('message', from)}
    />
  );
}

export function CallbackForm({ slug, ...from }: { slug: string } & FromLine) {
  const t = words.offline.get();
  return (
    <OfflineForm
      idPrefix="callback"
      title={t.callbackTitle}
      intro={t.callbackIntro}
      fields={callbackFields(t)}
      submitLabel={t.callbackSubmit}
      successText={t.callbackSuccess}
      submit={(v) => requestCallback(slug, { name: v.name ?? '', phone: v.phone ?? '', preferredTime: v.preferredTime ?? '' }, from.chatToken)}
      after={leftAfter('callback', from)}
    />
  );
}
