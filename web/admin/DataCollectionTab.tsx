/** Queues Configuration → Data Collection: on/off, the fields (label, type, required, options, order) and a live preview. */
import { useState } from 'preact/hooks';
import type { AdminQueueDetail } from '../../src/protocol/admin.js';
import type { FieldType, FormFieldView } from '../../src/protocol/views.js';
import { saveDataCollection } from './api.js';
import { FieldError } from './FieldError.js';
import { SaveBar, useSave } from './useSave.js';
import { DATA_COLLECTION_WORDS as W } from './dataCollectionWords.js';

const TYPE_LABELS: Record<FieldType, string> = W.types;

interface DraftField {
  /** Kept for saved fields so customers' stored answers keep their meaning; made from the label for new ones. */
  id: string | null;
  key: number;
  label: string;
  type: FieldType;
  required: boolean;
  options: string;
}

let nextKey = 1;
const draftOf = (f: FormFieldView): DraftField => ({ id: f.id, key: nextKey++, label: f.label, type: f.type, required: f.required, options: (f.options ?? []).join('\n') });

function idFor(label: string, taken: Set<string>): string {
  const base = `f_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`.slice(0, 36).replace(/_+$/, '') || 'field';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

function fieldsOf(draft: DraftField[]): FormFieldView[] {
  const taken = new Set(draft.map((f) => f.id).filter((id): id is string => !!id));
  return draft.map((f) => {
    const options = f.options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    return { id: f.id ?? idFor(f.label, taken), label: f.label.trim(), type: f.type, required: f.required, ...(f.type === 'select' ? { options } : {}) };
  });
}

export function DataCollectionTab({ queue, onSaved }: { queue: AdminQueueDetail; onSaved: (q: AdminQueueDetail) => void }) {
  const [enabled, setEnabled] = useState(queue.form.enabled);
  const [fields, setFields] = useState(() => queue.form.fields.map(draftOf));
  const save = useSave();
  const err = (i: number, key: string) => save.fields[`dataCollection.fields.${i}.${key}`];

  function update(index: number, patch: Partial<DraftField>, key?: string) {
    setFields((list) => list.map((f, i) => (i === index ? { ...f, ...patch } : f)));
    save.edited(key ? `dataCollection.fields.${index}.${key}` : undefined);
  }
  function move(index: number, by: number) {
    setFields((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
    save.edited();
  }
  function remove(index: number) {
    setFields((list) => list.filter((_, i) => i !== index));
    save.edited();
  }
  function add() {
    setFields((list) => [...list, { id: null, key: nextKey++, label: '', type: 'text', required: false, options: '' }]);
    save.edited();
  }

  function submit(event: Event) {
    event.preventDefault();
    void save.run(
      () => saveDataCollection(queue.id, { dataCollection: { enabled, fields: fieldsOf(fields) } }),
      (updated) => {
        setFields(updated.form.fields.map(draftOf));
        onSaved(updated);
      },
    );
  }

  const preview = fieldsOf(fields);
  return (
    <form class="settings-form" onSubmit={submit} noValidate>
      <section class="settings-section">
        <div class="rc-field">
          <label class="rc-switch">
            <input
              type="checkbox"
              checked={enabled}
              onChange={(e) => {
                setEnabled(e.currentTarget.checked);
                save.edited();
              }}
            />
            {W.enabled}
          </label>
          <p class="rc-hint">{W.enabledHint}</p>
        </div>
      </section>

      <div class={`dc-layout${enabled ? '' : ' is-disabled'}`}>
        <section class="dc-fields" aria-labelledby="dc-fields-title">
          <h3 id="dc-fields-title" class="dc-heading">
            {W.fields}
          </h3>
          {fields.length === 0 && <p class="dc-empty">{W.none}</p>}
          <ol class="dc-editor">
            {fields.map((f, i) => (
              <li class="dc-item" key={f.key} aria-label={W.field(i + 1)}>
                <div class="dc-item-head">
                  <span class="dc-item-number">{i + 1}</span>
                  <div class="dc-item-moves">
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={W.upLabel(i + 1)}>
                      {W.up}
                    </button>
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" disabled={i === fields.length - 1} onClick={() => move(i, 1)} aria-label={W.downLabel(i + 1)}>
                      {W.down}
                    </button>
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm dc-remove" onClick={() => remove(i)} aria-label={W.removeLabel(i + 1)}>
                      {W.remove}
                    </button>
                  </div>
                </div>
                <div class="dc-item-row">
                  <div class="rc-field dc-label-field">
                    <label class="rc-label" for={`dc-${f.key}-label`}>
                      {W.label}
                    </label>
                    <input
                      id={`dc-${f.key}-label`}
                      class="rc-input"
                      value={f.label}
                      aria-invalid={save.invalid(`dataCollection.fields.${i}.label`)}
                      onInput={(e) => update(i, { label: e.currentTarget.value }, 'label')}
                    />
                    <FieldError id={`dc-${f.key}-label-error`} message={err(i, 'label') ?? err(i, 'id')} />
                  </div>
                  <div class="rc-field">
                    <label class="rc-label" for={`dc-${f.key}-type`}>
                      {W.type}
                    </label>
                    <select id={`dc-${f.key}-type`} class="rc-select rc-input" value={f.type} onChange={(e) => update(i, { type: e.currentTarget.value as FieldType }, 'options')}>
                      {(Object.keys(TYPE_LABELS) as FieldType[]).map((t) => (
                        <option key={t} value={t}>
                          {TYPE_LABELS[t]}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                <label class="rc-check">
                  <input type="checkbox" checked={f.required} onChange={(e) => update(i, { required: e.currentTarget.checked })} />
                  {W.required}
                </label>
                {f.type === 'select' && (
                  <div class="rc-field">
                    <label class="rc-label" for={`dc-${f.key}-options`}>
                      {W.options}
                    </label>
                    <textarea
                      id={`dc-${f.key}-options`}
                      class="rc-textarea"
                      rows={3}
                      value={f.options}
                      aria-invalid={save.invalid(`dataCollection.fields.${i}.options`)}
                      onInput={(e) => update(i, { options: e.currentTarget.value }, 'options')}
                    />
                    <p class="rc-hint">{W.optionsHint}</p>
                    <FieldError id={`dc-${f.key}-options-error`} message={err(i, 'options') ?? save.fields[`dataCollection.fields.${i}.options.0`]} />
                  </div>
                )}
              </li>
            ))}
          </ol>
          <button type="button" class="rc-btn rc-btn-secondary" onClick={add}>
            {W.add}
          </button>
          <FieldError id="dc-fields-error" message={save.fields['dataCollection.fields']} />
        </section>

        <section class="dc-preview" aria-labelledby="dc-preview-title">
          <h3 id="dc-preview-title" class="dc-heading">
            {W.preview}
          </h3>
          <p class="rc-hint">{enabled ? W.previewHint : W.previewOff}</p>
          <div class="dc-form" aria-label={W.previewLabel}>
            {preview.map((field, i) => (
              <div class="rc-field" key={i}>
                <label class="rc-label" for={`dc-preview-${i}`}>
                  {field.label || <span class="rc-muted">{W.noLabel}</span>}
                  {field.required && (
                    <span class="rc-required" aria-hidden="true">
                      *
                    </span>
                  )}
                </label>
                <PreviewControl id={`dc-preview-${i}`} field={field} />
              </div>
            ))}
            <button type="button" class="rc-btn rc-btn-primary" disabled>
              {W.send}
            </button>
          </div>
        </section>
      </div>

      <SaveBar state={save} />
    </form>
  );
}

function PreviewControl({ id, field }: { id: string; field: FormFieldView }) {
  const common = { id, disabled: true, 'aria-required': field.required };
  switch (field.type) {
    case 'textarea':
      return <textarea {...common} class="rc-textarea" rows={3} />;
    case 'select':
      return (
        <select {...common} class="rc-select rc-input">
          <option value="">{W.choose}</option>
          {(field.options ?? []).map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      );
    default:
      return <input {...common} class="rc-input" type={field.type === 'phone' ? 'tel' : field.type} />;
  }
}
