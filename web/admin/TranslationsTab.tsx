/**
 * Queues Configuration → Translations: each text customers read (queue name,
 * waiting messages, Data Collection labels and options, closed messages, labels of
 * special days) with
 * an input beside it per language. Drafts of every language are kept while
 * the admin switches language; Save sends them all (the server validates the
 * whole set and names a refused text at its path, e.g. translations.fr.name).
 * Empty inputs fall back to the default text on the customer page.
 */
import { useState } from 'preact/hooks';
import type { AdminQueueDetail } from '../../src/protocol/admin.js';
import { type QueueTextsView, type QueueTranslationsView, TRANSLATION_LANGUAGES, type TranslationLanguage } from '../../src/protocol/languages.js';
import { saveTranslations } from './api.js';
import { FieldError } from './FieldError.js';
import { TRANSLATION_WORDS as W } from './translationWords.js';
import { SaveBar, useSave } from './useSave.js';

type Drafts = Record<TranslationLanguage, QueueTextsView>;

/** One language's texts laid over the queue's current defaults (missing entries empty). */
function draftOf(q: AdminQueueDetail, texts: QueueTextsView | undefined): QueueTextsView {
  return {
    name: texts?.name ?? '',
    waitingMessages: q.waitingMessages.map((_, i) => texts?.waitingMessages[i] ?? ''),
    closedMessage: texts?.closedMessage ?? '',
    noAgentsMessage: texts?.noAgentsMessage ?? '',
    specialDays: Object.fromEntries(q.workingHours.exceptions.filter((e) => e.label).map((e) => [e.date, texts?.specialDays[e.date] ?? ''])),
    fields: Object.fromEntries(
      q.form.fields.map((f) => [f.id, { label: texts?.fields[f.id]?.label ?? '', options: (f.options ?? []).map((_, i) => texts?.fields[f.id]?.options[i] ?? '') }]),
    ),
  };
}

const draftsOf = (q: AdminQueueDetail): Drafts => Object.fromEntries(TRANSLATION_LANGUAGES.map((l) => [l, draftOf(q, q.translations[l])])) as Drafts;

/** Every text of a draft, for counting how many are given. */
const allTexts = (t: QueueTextsView): string[] => [
  t.name,
  ...t.waitingMessages,
  t.closedMessage,
  t.noAgentsMessage,
  ...Object.values(t.fields).flatMap((f) => [f.label, ...f.options]),
  ...Object.values(t.specialDays),
];

export function TranslationsTab({ queue, onSaved }: { queue: AdminQueueDetail; onSaved: (q: AdminQueueDetail) => void }) {
  const [drafts, setDrafts] = useState(() => draftsOf(queue));
  const [language, setLanguage] = useState<TranslationLanguage>('fr');
  const save = useSave();
  const draft = drafts[language];
  const languageName = W.languages[language] ?? language;

  function edit(key: string, patch: (t: QueueTextsView) => QueueTextsView) {
    setDrafts((d) => ({ ...d, [language]: patch(d[language]) }));
    save.edited(key);
  }

  function submit(event: Event) {
    event.preventDefault();
    // A language with no text at all is left out: it has no texts of its own.
    const body: QueueTranslationsView = {};
    for (const l of TRANSLATION_LANGUAGES) if (allTexts(drafts[l]).some((t) => t.trim())) body[l] = drafts[l];
    void save.run(
      () => saveTranslations(queue.id, { translations: body }),
      (updated) => {
        setDrafts(draftsOf(updated));
        onSaved(updated);
      },
    );
  }

  /** One text: the default on the left, this language's input on the right. */
  function row(props: { key: string; path: string; what: string; original: string; value: string; multiline?: boolean; set: (t: QueueTextsView, v: string) => QueueTextsView }) {
    const id = `tr-${language}-${props.path.replace(/\./g, '-')}`;
    const errorKey = `translations.${language}.${props.path}`;
    const error = save.fields[errorKey];
    const input = {
      id,
      class: props.multiline ? 'rc-textarea' : 'rc-input',
      value: props.value,
      lang: language,
      'aria-invalid': error ? ('true' as const) : undefined,
      'aria-describedby': [`${id}-default`, error ? `${id}-error` : ''].filter(Boolean).join(' '),
      onInput: (e: { currentTarget: { value: string } }) => {
        const v = e.currentTarget.value;
        edit(errorKey, (t) => props.set(t, v));
      },
    };
    return (
      <div class="tr-row" key={props.key}>
        <div class="tr-default">
          <span class="tr-caption">{props.what}</span>
          <p class="tr-default-text" id={`${id}-default`}>
            <span class="rc-sr-only">{W.defaultCaption}: </span>
            {props.original || <span class="rc-muted">{W.emptyDefault}</span>}
          </p>
        </div>
        <div class="rc-field tr-input">
          <label class="rc-label" for={id}>
            {W.inLanguage(props.what, languageName)}
          </label>
          {props.multiline ? <textarea {...input} rows={2} /> : <input {...input} type="text" />}
          <FieldError id={`${id}-error`} message={error} />
        </div>
      </div>
    );
  }

  const fields = queue.form.fields;
  return (
    <form class="settings-form" onSubmit={submit} noValidate>
      <p class="rc-hint tr-intro">{W.intro}</p>
      <fieldset class="radio-group tr-languages">
        <legend class="rc-label">{W.languageLegend}</legend>
        <div class="radio-options">
          {TRANSLATION_LANGUAGES.map((l) => {
            const texts = allTexts(drafts[l]);
            return (
              <div class={`radio-card${l === language ? ' is-checked' : ''}`} key={l} onClick={() => setLanguage(l)}>
                <input id={`tr-lang-${l}`} type="radio" name="translationLanguage" value={l} checked={l === language} aria-describedby={`tr-lang-${l}-hint`} onChange={() => setLanguage(l)} />
                <span class="radio-text">
                  <label class="radio-label" for={`tr-lang-${l}`}>
                    {W.languages[l] ?? l}
                  </label>
                  <span class="radio-hint" id={`tr-lang-${l}-hint`}>
                    {W.progress(texts.filter((t) => t.trim()).length, texts.length)}
                  </span>
                </span>
              </div>
            );
          })}
        </div>
      </fieldset>

      <section class="settings-section" aria-labelledby="tr-general">
        <h3 class="dc-heading" id="tr-general">
          {W.general}
        </h3>
        {row({ key: 'name', path: 'name', what: W.queueName, original: queue.name, value: draft.name, set: (t, v) => ({ ...t, name: v }) })}
        {queue.waitingMessages.map((m, i) =>
          row({
            key: `wm${i}`,
            path: `waitingMessages.${i}`,
            what: W.waitingMessage(i + 1),
            original: m,
            value: draft.waitingMessages[i] ?? '',
            multiline: true,
            set: (t, v) => ({ ...t, waitingMessages: t.waitingMessages.map((x, j) => (j === i ? v : x)) }),
          }),
        )}
      </section>

      <section class="settings-section" aria-labelledby="tr-form">
        <h3 class="dc-heading" id="tr-form">
          {W.dataCollection}
        </h3>
        {fields.length === 0 && <p class="rc-hint">{W.noFields}</p>}
        {fields.map((f) => {
          const own = draft.fields[f.id] ?? { label: '', options: [] };
          const setField = (t: QueueTextsView, next: { label: string; options: string[] }) => ({ ...t, fields: { ...t.fields, [f.id]: next } });
          return [
            row({ key: `${f.id}-label`, path: `fields.${f.id}.label`, what: W.fieldLabel(f.label), original: f.label, value: own.label, set: (t, v) => setField(t, { ...(t.fields[f.id] ?? own), label: v }) }),
            ...(f.options ?? []).map((o, i) =>
              row({
                key: `${f.id}-o${i}`,
                path: `fields.${f.id}.options.${i}`,
                what: W.option(f.label, i + 1),
                original: o,
                value: own.options[i] ?? '',
                set: (t, v) => {
                  const cur = t.fields[f.id] ?? own;
                  return setField(t, { ...cur, options: cur.options.map((x, j) => (j === i ? v : x)) });
                },
              }),
            ),
          ];
        })}
      </section>

      <section class="settings-section" aria-labelledby="tr-offline">
        <h3 class="dc-heading" id="tr-offline">
          {W.offline}
        </h3>
        {row({ key: 'closed', path: 'closedMessage', what: W.closedMessage, original: queue.closedMessage, value: draft.closedMessage, multiline: true, set: (t, v) => ({ ...t, closedMessage: v }) })}
        {row({ key: 'noagents', path: 'noAgentsMessage', what: W.noAgentsMessage, original: queue.noAgentsMessage, value: draft.noAgentsMessage, multiline: true, set: (t, v) => ({ ...t, noAgentsMessage: v }) })}
        {queue.workingHours.exceptions.filter((e) => e.label).map((e) =>
          row({
            key: `day-${e.date}`,
            path: `specialDays.${e.date}`,
            what: W.specialDay(e.date),
            original: e.label,
            value: draft.specialDays[e.date] ?? '',
            set: (t, v) => ({ ...t, specialDays: { ...t.specialDays, [e.date]: v } }),
          }),
        )}
      </section>

      <SaveBar state={save} label={W.save} />
    </form>
  );
}
