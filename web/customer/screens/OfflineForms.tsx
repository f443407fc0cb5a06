/**
 * The closed screen's offline options: leave a message (answered by email)
 * and request a callback. One small generic form drives both, so validation,
 * server field errors, 429 and the success message behave the same.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { isEmail, isPhone } from '../../../src/domain/dataCollection.js';
import { ApiError, leaveMessage, requestCallback } from '../api.js';
import { Field, focusFirstInvalid, type FieldKind } from '../components/Field.js';

const MESSAGE_MAX = 4000;
const SHORT_MAX = 200;

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

const required = (label: string, more?: (v: string) => string | null) => (value: string) =>
  value === '' ? `${label} is required.` : (more?.(value) ?? null);

const MESSAGE_FIELDS: OfflineField[] = [
  {
    name: 'email',
    label: 'Email address',
    kind: 'email',
    autoComplete: 'email',
    placeholder: 'name@example.com',
    check: required('Email address', (v) => (isEmail(v) ? null : 'Enter a valid email address, like name@example.com.')),
  },
  {
    name: 'message',
    label: 'Message',
    kind: 'textarea',
    placeholder: 'How can we help?',
    maxLength: MESSAGE_MAX,
    check: required('Message', (v) => (v.length > MESSAGE_MAX ? `Message must be at most ${MESSAGE_MAX} characters.` : null)),
  },
];

const CALLBACK_FIELDS: OfflineField[] = [
  { name: 'name', label: 'Name', kind: 'text', autoComplete: 'name', maxLength: SHORT_MAX, check: required('Name') },
  {
    name: 'phone',
    label: 'Phone number',
    kind: 'phone',
    autoComplete: 'tel',
    placeholder: '+1 555 123 4567',
    check: required('Phone number', (v) => (isPhone(v) ? null : 'Enter a valid phone number.')),
  },
  {
    name: 'preferredTime',
    label: 'Preferred time',
    kind: 'text',
    placeholder: 'Tomorrow after 2 pm',
    maxLength: SHORT_MAX,
    check: required('Preferred time'),
  },
];

interface OfflineFormProps {
  /** Prefix for element ids, so two forms on one page never clash. */
  idPrefix: string;
  title: string;
  intro: string;
  fields: OfflineField[];
  submitLabel: string;
  successText: string;
  submit: (values: Record<string, string>) => Promise<unknown>;
}

function OfflineForm({ idPrefix, title, intro, fields, submitLabel, successText, submit }: OfflineFormProps) {
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
      await submit(trimmed);
      setSent(true);
    } catch (error) {
      const body = error instanceof ApiError ? error.body : null;
      const known = Object.entries(body?.fields ?? {}).filter(([name]) => fields.some((f) => f.name === name));
      if (known.length) {
        setErrors(Object.fromEntries(known));
        setFocusTick((t) => t + 1);
      } else {
        // 429 and everything else: the server's own words.
        setFormError(body?.message || 'Something went wrong. Please try again.');
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

export function LeaveMessageForm({ slug }: { slug: string }) {
  return (
    <OfflineForm
      idPrefix="leave"
      title="Leave a message"
      intro="Write to us and an agent will reply by email."
      fields={MESSAGE_FIELDS}
      submitLabel="Send message"
      successText="Thanks — your message has been sent. An agent will reply by email."
      submit={(v) => leaveMessage(slug, { email: v.email ?? '', message: v.message ?? '' })}
    />
  );
}

export function CallbackForm({ slug }: { slug: string }) {
  return (
    <OfflineForm
      idPrefix="callback"
      title="Request a callback"
      intro="Leave your number and an agent will call you back."
      fields={CALLBACK_FIELDS}
      submitLabel="Request callback"
      successText="Thanks — we will call you back."
      submit={(v) => requestCallback(slug, { name: v.name ?? '', phone: v.phone ?? '', preferredTime: v.preferredTime ?? '' })}
    />
  );
}
