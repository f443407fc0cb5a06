/** Queues Configuration → General Settings: edit and save one queue's basics. Mount with key={queue.id}. */
import { useState } from 'preact/hooks';
import type { AdminQueueDetail, GeneralSettingsBody } from '../../src/protocol/http.js';
import type { AgentDisplay } from '../../src/protocol/views.js';
import { ApiError } from '../shared/http.js';
import { saveGeneral } from './api.js';
import { ChatAddressField, normalSlug } from './ChatAddressField.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { CopyUrlField } from './CopyUrlField.js';
import { SLUG_WORDS } from './slugWords.js';
import { FieldError } from './FieldError.js';
import { MAX_WAIT_MINUTES, maxWaitSecondsOf, minutesText } from './maxWaitMinutes.js';
import { MAX_WAIT_WORDS } from './maxWaitWords.js';
import { placeWidgetErrors, widgetBodyOf, type WidgetDraft, widgetDraftOf, WidgetFields } from './WidgetFields.js';
import { ATTACHMENT_WORDS } from './attachmentWords.js';
import { GENERAL_WORDS as W } from './generalWords.js';
import { SAVE_WORDS } from './saveWords.js';
import { ATTACHMENT_MAX_MB_CEILING } from '../../src/protocol/attachments.js';

export interface GeneralSettingsTabProps {
  queue: AdminQueueDetail;
  onSaved: (queue: AdminQueueDetail) => void;
}

interface Draft {
  name: string;
  /** The chat URL's last part. */
  slug: string;
  open: boolean;
  agentDisplay: AgentDisplay;
  waitingMessages: string;
  showEstimatedWait: boolean;
  maxWaiting: string;
  maxWaitMinutes: string;
  /** Empty: the server's default. */
  offerTimeout: string;
  /** Empty or 0: off. */
  inactivityTimeout: string;
  expectedHandle: string;
  serviceLevel: string;
  survey: boolean;
  widget: WidgetDraft;
  attachmentsEnabled: boolean;
  attachmentMax: string;
}

const DISPLAY_CHOICES: { value: AgentDisplay; label: string; hint: string }[] = (['picture', 'default', 'none'] as const).map((value) => ({ value, ...W.displays[value] }));

const FIELD_NAMES = ['name', 'slug', 'open', 'agentDisplay', 'waitingMessages', 'showEstimatedWait', 'maxWaiting', 'maxWaitSeconds', 'offerTimeoutSeconds', 'inactivityTimeoutMinutes', 'expectedHandleMinutes', 'serviceLevelSeconds', 'surveyEnabled', 'attachmentsEnabled', 'attachmentMaxMegabytes'] as const;

function draftOf(queue: AdminQueueDetail): Draft {
  return {
    name: queue.name,
    slug: queue.slug,
    open: queue.open,
    agentDisplay: queue.agentDisplay,
    waitingMessages: queue.waitingMessages.join('\n'),
    showEstimatedWait: queue.showEstimatedWait,
    maxWaiting: String(queue.maxWaiting),
    maxWaitMinutes: minutesText(queue.maxWaitSeconds),
    offerTimeout: queue.offerTimeoutSeconds === null ? '' : String(queue.offerTimeoutSeconds),
    inactivityTimeout: String(queue.inactivityTimeoutMinutes),
    expectedHandle: String(queue.expectedHandleMinutes),
    serviceLevel: String(queue.serviceLevelSeconds),
    survey: queue.surveyEnabled,
    widget: widgetDraftOf(queue.widget),
    attachmentsEnabled: queue.attachmentsEnabled,
    attachmentMax: String(queue.attachmentMaxMegabytes),
  };
}

/** Draft keys whose value the server knows by another name (its field errors use that name). */
const SERVER_KEYS: Partial<Record<keyof Draft, string>> = {
  maxWaitMinutes: 'maxWaitSeconds',
  offerTimeout: 'offerTimeoutSeconds',
  inactivityTimeout: 'inactivityTimeoutMinutes',
  expectedHandle: 'expectedHandleMinutes',
  serviceLevel: 'serviceLevelSeconds',
  survey: 'surveyEnabled',
  attachmentMax: 'attachmentMaxMegabytes',
};

/** A number for the server to check; text that is not one is sent as NaN → null, refused at the field. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function bodyOf(draft: Draft): GeneralSettingsBody {
  return {
    name: draft.name.trim(),
    slug: normalSlug(draft.slug),
    open: draft.open,
    agentDisplay: draft.agentDisplay,
    waitingMessages: draft.waitingMessages
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    showEstimatedWait: draft.showEstimatedWait,
    maxWaiting: numberOf(draft.maxWaiting),
    // Checked in minutes before sending (submit); NaN here only if that check was skipped.
    maxWaitSeconds: (() => {
      const checked = maxWaitSecondsOf(draft.maxWaitMinutes);
      return 'seconds' in checked ? checked.seconds : Number.NaN;
    })(),
    offerTimeoutSeconds: draft.offerTimeout.trim() === '' ? null : numberOf(draft.offerTimeout),
    inactivityTimeoutMinutes: draft.inactivityTimeout.trim() === '' ? 0 : numberOf(draft.inactivityTimeout),
    expectedHandleMinutes: numberOf(draft.expectedHandle),
    serviceLevelSeconds: numberOf(draft.serviceLevel),
    surveyEnabled: draft.survey,
    widget: widgetBodyOf(draft.widget),
    attachmentsEnabled: draft.attachmentsEnabled,
    attachmentMaxMegabytes: numberOf(draft.attachmentMax),
  };
}

export function GeneralSettingsTab({ queue, onSaved }: GeneralSettingsTabProps) {
  const [draft, setDraft] = useState(() => draftOf(queue));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  /** A new address waits for the admin's yes: the old link stops working. */
  const [askSlug, setAskSlug] = useState(false);

  function change<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
    const serverKey = SERVER_KEYS[key] ?? key;
    if (fieldErrors[serverKey]) {
      setFieldErrors((errors) => {
        const rest = { ...errors };
        delete rest[serverKey];
        return rest;
      });
    }
  }

  function changeWidget<K extends keyof WidgetDraft>(key: K, value: WidgetDraft[K]) {
    setDraft((d) => ({ ...d, widget: { ...d.widget, [key]: value } }));
    setSaved(false);
    const serverKey = `widget.${key}`;
    if (fieldErrors[serverKey]) {
      setFieldErrors((errors) => {
        const rest = { ...errors };
        delete rest[serverKey];
        return rest;
      });
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    if (normalSlug(draft.slug) !== queue.slug) return setAskSlug(true);
    void save();
  }

  async function save() {
    setSaving(true);
    setSaved(false);
    setFormError(null);
    // The wait limit is asked in minutes: refused here in minutes rather than by the server in seconds.
    const maxWait = maxWaitSecondsOf(draft.maxWaitMinutes);
    if ('error' in maxWait) {
      setFieldErrors({ maxWaitSeconds: maxWait.error });
      setFormError(SAVE_WORDS.correct);
      setSaving(false);
      return;
    }
    try {
      const updated = await saveGeneral(queue.id, bodyOf(draft));
      setDraft(draftOf(updated));
      setFieldErrors({});
      setSaved(true);
      onSaved(updated);
    } catch (error) {
      const fields = placeWidgetErrors(error instanceof ApiError ? error.fields : {});
      setFieldErrors(fields);
      const unplaced = Object.entries(fields).filter(([key]) => !(FIELD_NAMES as readonly string[]).includes(key) && !key.startsWith('widget.'));
      const hasPlaced = Object.keys(fields).length > unplaced.length;
      const message = error instanceof Error ? error.message : SAVE_WORDS.failed;
      setFormError(
        unplaced.length ? unplaced.map(([, text]) => text).join(' ') : hasPlaced ? SAVE_WORDS.correct : message,
      );
    } finally {
      setSaving(false);
    }
  }

  // The chat URL up to the address: where a new address would go.
  const urlPrefix = queue.chatUrl.slice(0, queue.chatUrl.length - encodeURIComponent(queue.slug).length);
  const invalid = (key: string) => (fieldErrors[key] ? 'true' : undefined);
  const describedBy = (key: string, hint?: string) =>
    [hint, fieldErrors[key] ? `gs-${key}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form class="settings-form" onSubmit={submit} noValidate>
      <section class="settings-section">
        <div class="rc-field">
          <label class="rc-label" for="gs-name">
            {W.name}
          </label>
          <input
            id="gs-name"
            class="rc-input"
            type="text"
            value={draft.name}
            aria-invalid={invalid('name')}
            aria-describedby={describedBy('name')}
            onInput={(e) => change('name', e.currentTarget.value)}
          />
          <FieldError id="gs-name-error" message={fieldErrors.name} />
        </div>

        <CopyUrlField id="gs-chat-url" label={W.chatUrl} url={queue.chatUrl} />

        <ChatAddressField
          prefix={urlPrefix}
          value={draft.slug}
          saved={queue.slug}
          error={fieldErrors.slug}
          onInput={(value) => change('slug', value)}
        />

        <div class="rc-field">
          <label class="rc-switch">
            <input
              type="checkbox"
              checked={draft.open}
              aria-invalid={invalid('open')}
              aria-describedby={describedBy('open', 'gs-open-hint')}
              onChange={(e) => change('open', e.currentTarget.checked)}
            />
            {W.open}
          </label>
          <p class="rc-hint" id="gs-open-hint">
            {draft.open ? W.openHint : W.closedHint}
          </p>
          <FieldError id="gs-open-error" message={fieldErrors.open} />
        </div>
      </section>

      <section class="settings-section">
        <fieldset class="radio-group" aria-describedby={describedBy('agentDisplay')}>
          <legend class="rc-label">{W.agentDisplay}</legend>
          <div class="radio-options">
            {DISPLAY_CHOICES.map((choice) => (
              // The whole card picks the option; only the name is the radio's label.
              <div
                class={`radio-card${draft.agentDisplay === choice.value ? ' is-checked' : ''}`}
                key={choice.value}
                onClick={() => change('agentDisplay', choice.value)}
              >
                <input
                  id={`gs-display-${choice.value}`}
                  type="radio"
                  name="agentDisplay"
                  value={choice.value}
                  checked={draft.agentDisplay === choice.value}
                  aria-invalid={invalid('agentDisplay')}
                  aria-describedby={`gs-display-${choice.value}-hint`}
                  onChange={() => change('agentDisplay', choice.value)}
                />
                <span class="radio-text">
                  <label class="radio-label" for={`gs-display-${choice.value}`}>
                    {choice.label}
                  </label>
                  <span class="radio-hint" id={`gs-display-${choice.value}-hint`}>
                    {choice.hint}
                  </span>
                </span>
              </div>
            ))}
          </div>
          <FieldError id="gs-agentDisplay-error" message={fieldErrors.agentDisplay} />
        </fieldset>
      </section>

      <section class="settings-section">
        <div class="rc-field">
          <label class="rc-label" for="gs-waiting">
            {W.waitingMessages}
          </label>
          <textarea
            id="gs-waiting"
            class="rc-textarea"
            rows={4}
            value={draft.waitingMessages}
            aria-invalid={invalid('waitingMessages')}
            aria-describedby={describedBy('waitingMessages', 'gs-waiting-hint')}
            onInput={(e) => change('waitingMessages', e.currentTarget.value)}
          />
          <p class="rc-hint" id="gs-waiting-hint">
            {W.waitingHint}
          </p>
          <FieldError id="gs-waitingMessages-error" message={fieldErrors.waitingMessages} />
        </div>

        <div class="rc-field">
          <label class="rc-check">
            <input
              type="checkbox"
              checked={draft.showEstimatedWait}
              aria-invalid={invalid('showEstimatedWait')}
              aria-describedby={describedBy('showEstimatedWait')}
              onChange={(e) => change('showEstimatedWait', e.currentTarget.checked)}
            />
            {W.showEstimatedWait}
          </label>
          <FieldError id="gs-showEstimatedWait-error" message={fieldErrors.showEstimatedWait} />
        </div>

        <div class="rc-field">
          <label class="rc-check">
            <input
              type="checkbox"
              checked={draft.survey}
              aria-invalid={invalid('surveyEnabled')}
              aria-describedby={describedBy('surveyEnabled', 'gs-survey-hint')}
              onChange={(e) => change('survey', e.currentTarget.checked)}
            />
            {W.survey}
          </label>
          <p class="rc-hint" id="gs-survey-hint">
            {W.surveyHint}
          </p>
          <FieldError id="gs-surveyEnabled-error" message={fieldErrors.surveyEnabled} />
        </div>
      </section>

      <section class="settings-section">
        <div class="field-pair">
          <NumberField
            id="gs-maxWaiting"
            errorKey="maxWaiting"
            label={W.maxWaiting}
            hint={W.maxWaitingHint}
            limits={{ min: 1, max: 10000 }}
            value={draft.maxWaiting}
            error={fieldErrors.maxWaiting}
            onInput={(value) => change('maxWaiting', value)}
          />
          <NumberField
            id="gs-maxWait"
            errorKey="maxWaitSeconds"
            label={MAX_WAIT_WORDS.label}
            hint={MAX_WAIT_WORDS.hint}
            limits={{ min: MAX_WAIT_MINUTES.min, max: MAX_WAIT_MINUTES.max, step: 'any' }}
            value={draft.maxWaitMinutes}
            error={fieldErrors.maxWaitSeconds}
            onInput={(value) => change('maxWaitMinutes', value)}
          />
          <NumberField
            id="gs-offerTimeout"
            errorKey="offerTimeoutSeconds"
            label={W.offerTimeout}
            hint={W.offerTimeoutHint}
            limits={{ min: 5, max: 600 }}
            placeholder={W.offerTimeoutPlaceholder}
            value={draft.offerTimeout}
            error={fieldErrors.offerTimeoutSeconds}
            onInput={(value) => change('offerTimeout', value)}
          />
          <NumberField
            id="gs-inactivityTimeout"
            errorKey="inactivityTimeoutMinutes"
            label={W.inactivity}
            hint={W.inactivityHint}
            limits={{ min: 0, max: 1440 }}
            placeholder={W.inactivityPlaceholder}
            value={draft.inactivityTimeout}
            error={fieldErrors.inactivityTimeoutMinutes}
            onInput={(value) => change('inactivityTimeout', value)}
          />
          <NumberField
            id="gs-expectedHandle"
            errorKey="expectedHandleMinutes"
            label={W.expectedHandle}
            hint={W.expectedHandleHint}
            limits={{ min: 1, max: 240 }}
            value={draft.expectedHandle}
            error={fieldErrors.expectedHandleMinutes}
            onInput={(value) => change('expectedHandle', value)}
          />
          <NumberField
            id="gs-serviceLevel"
            errorKey="serviceLevelSeconds"
            label={W.serviceLevel}
            hint={W.serviceLevelHint}
            limits={{ min: 5, max: 3600 }}
            value={draft.serviceLevel}
            error={fieldErrors.serviceLevelSeconds}
            onInput={(value) => change('serviceLevel', value)}
          />
        </div>
      </section>

      <WidgetFields snippet={queue.widgetSnippet} draft={draft.widget} errors={fieldErrors} onChange={changeWidget} />
      <section class="settings-section">
        <div class="rc-field">
          <label class="rc-switch">
            <input
              id="gs-attachments"
              type="checkbox"
              checked={draft.attachmentsEnabled}
              aria-invalid={invalid('attachmentsEnabled')}
              aria-describedby={describedBy('attachmentsEnabled', 'gs-attachments-hint')}
              onChange={(e) => change('attachmentsEnabled', e.currentTarget.checked)}
            />
            {ATTACHMENT_WORDS.enabled}
          </label>
          <p class="rc-hint" id="gs-attachments-hint">
            {draft.attachmentsEnabled ? ATTACHMENT_WORDS.enabledHint : ATTACHMENT_WORDS.offHint}
          </p>
          <FieldError id="gs-attachmentsEnabled-error" message={fieldErrors.attachmentsEnabled} />
        </div>
        {draft.attachmentsEnabled && (
          <NumberField
            id="gs-attachmentMax"
            errorKey="attachmentMaxMegabytes"
            label={ATTACHMENT_WORDS.maxLabel}
            hint={ATTACHMENT_WORDS.maxHint}
            limits={{ min: 1, max: ATTACHMENT_MAX_MB_CEILING }}
            value={draft.attachmentMax}
            error={fieldErrors.attachmentMaxMegabytes}
            onInput={(value) => change('attachmentMax', value)}
          />
        )}
      </section>

      <footer class="settings-actions">
        <button type="submit" class="rc-btn rc-btn-primary" disabled={saving}>
          {saving && <span class="rc-spinner" aria-hidden="true" />}
          {SAVE_WORDS.save}
        </button>
        <span class="save-status" role="status">
          {saved && <span class="save-ok">{SAVE_WORDS.saved}</span>}
        </span>
        {formError && (
          <p class="rc-alert rc-alert-error" role="alert">
            {formError}
          </p>
        )}
      </footer>
      {askSlug && (
        <ConfirmDialog
          title={SLUG_WORDS.confirmTitle}
          confirmLabel={SLUG_WORDS.confirmLabel}
          failure={SLUG_WORDS.failure}
          onClose={() => setAskSlug(false)}
          action={async () => {
            setAskSlug(false);
            await save();
          }}
        >
          <p>{SLUG_WORDS.confirmBody(queue.chatUrl, `${urlPrefix}${normalSlug(draft.slug)}`)}</p>
          <p class="rc-alert rc-alert-warning">{SLUG_WORDS.warning}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}

interface NumberFieldProps {
  id: string;
  /** The server's name for the value, which keys its error message. */
  errorKey: string;
  label: string;
  hint: string;
  limits: { min: number; max: number; step?: number | 'any' };
  placeholder?: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}

/** A labelled number input with its hint and the server's message at the field. */
function NumberField({ id, errorKey, label, hint, limits, placeholder, value, error, onInput }: NumberFieldProps) {
  const errorId = `gs-${errorKey}-error`;
  return (
    <div class="rc-field">
      <label class="rc-label" for={id}>
        {label}
      </label>
      <input
        id={id}
        class="rc-input input-narrow"
        type="number"
        min={limits.min}
        max={limits.max}
        step={limits.step ?? 1}
        placeholder={placeholder}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[`${id}-hint`, error ? errorId : undefined].filter(Boolean).join(' ')}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p class="rc-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
