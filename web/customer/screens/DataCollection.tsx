/**
 * Step 3 of the journey: the queue's Data Collection form. Validation uses
 * the same pure rules as the server (checkForm) for instant feedback; the
 * server stays authoritative and its per-field messages are shown the same way.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { checkForm, fieldError } from '../../../src/domain/dataCollection.js';
import type { ErrorBody } from '../../../src/protocol/errors.js';
import type { FormFieldView, PublicQueueView } from '../../../src/protocol/views.js';
import { Field, focusFirstInvalid } from '../components/Field.js';
import { Header } from '../components/Header.js';
import { words } from '../i18n/messages.js';
import { describeProblem } from '../i18n/problems.js';
import { fieldRefusals } from '../i18n/refusals.js';

interface DataCollectionProps {
  queue: PublicQueueView;
  /** The page follows the queue live (queueWatch.ts): the form changed while being filled, and says so. */
  changed?: boolean | undefined;
  /** Starts the chat; resolves with the server's refusal (its `message` in the reader's words), or null once the page moved on. */
  onSubmit: (fields: Record<string, string>) => Promise<ErrorBody | null>;
}

const inputId = (fieldId: string) => `field-${fieldId}`;


/** Lets the browser offer saved names, emails and phone numbers. */
function autoCompleteFor(field: FormFieldView): string | undefined {
  if (field.type === 'email') return 'email';
  if (field.type === 'phone') return 'tel';
  if (/first\s*name|given/i.test(field.label)) return 'given-name';
  if (/last\s*name|surname|family/i.test(field.label)) return 'family-name';
  if (/^(full\s*)?name$/i.test(field.label.trim())) return 'name';
  return undefined;
}

export function DataCollection({ queue, changed, onSubmit }: DataCollectionProps) {
  const t = words.form.get();
  const app = words.app.get();
  const fields = queue.form ?? [];
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after a refused submit; focusing happens after the errors are rendered
  // so screen readers announce the field together with its message.
  const [focusTick, setFocusTick] = useState(0);

  useLayoutEffect(() => {
    if (focusTick) focusFirstInvalid(fields.map((f) => f.id), errors, inputId);
  }, [focusTick]);

  function change(field: FormFieldView, value: string) {
    setValues((v) => ({ ...v, [field.id]: value }));
    // Once a field was flagged, re-check it as the customer fixes it.
    if (errors[field.id]) {
      const message = fieldError(field, value, describeProblem);
      setErrors(({ [field.id]: _old, ...rest }) => (message ? { ...rest, [field.id]: message } : rest));
    }
  }

  async function submit(e: JSX.TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    const check = checkForm(fields, values, describeProblem);
    setErrors(check.errors);
    if (Object.keys(check.errors).length) return setFocusTick((t) => t + 1);

    setBusy(true);
    const refusal = await onSubmit(check.values);
    if (!refusal) return; // The page has moved on to the next screen.
    setBusy(false);
    // The server's refusals in the reader's words, with the labels the reader sees.
    const fieldErrors = fieldRefusals(refusal, (id) => fields.find((f) => f.id === id)?.label);
    if (Object.keys(fieldErrors).length) {
      setErrors(fieldErrors);
      setFocusTick((t) => t + 1);
    } else {
      // app.tsx words the refusal in the reader's language (failureText).
      setFormError(refusal.message || app.somethingWrong);
    }
  }

  const anyRequired = fields.some((f) => f.required);
  // The asterisk sits inside the sentence wherever the language puts it.
  const [beforeMark = '', afterMark = ''] = t.requiredNote.split('{mark}');

  return (
    <>
      <Header queueName={queue.name} subtitle={queue.clientName} />
      <div class="body">
        <form class="form" noValidate onSubmit={submit} aria-describedby="form-intro">
          <p class="intro" id="form-intro">
            {t.intro}
            {anyRequired && (
              <>
                {' '}
                {beforeMark}
                <span class="required" aria-hidden="true">
                  *
                </span>
                <span class="visually-hidden">{t.asterisk}</span>
                {afterMark}
              </>
            )}
          </p>
          <div aria-live="polite">
            {changed && <p class="form-changed">{t.changed}</p>}
          </div>
          {fields.map((field) => (
            <Field
              key={field.id}
              id={inputId(field.id)}
              errorId={`error-${field.id}`}
              label={field.label}
              kind={field.type}
              required={field.required}
              options={field.options}
              optionLabels={field.optionLabels}
              value={values[field.id] ?? ''}
              error={errors[field.id]}
              autoComplete={autoCompleteFor(field)}
              onInput={(v) => change(field, v)}
            />
          ))}
          {formError && (
            <p class="form-error" role="alert">
              {formError}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
            {t.send}
          </button>
        </form>
      </div>
    </>
  );
}
