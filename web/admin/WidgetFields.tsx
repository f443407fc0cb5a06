/**
 * General Settings → Website widget: the one-line snippet for the client's site and the
 * launcher's options (colour, position, text) and the chat's branding (header colour, logo,
 * sites allowed to embed it). Part of the General Settings form: saved with it, and the
 * server's messages (keyed widget.<field>) shown at each field.
 */
import type { WidgetConfigView } from '../../src/protocol/admin.js';
import { CopyUrlField } from './CopyUrlField.js';
import { FieldError } from './FieldError.js';
import { WIDGET_WORDS as W } from './widgetWords.js';

/** The form's text for each setting; allowed sites one per line. */
export type WidgetDraft = Omit<WidgetConfigView, 'allowedOrigins'> & { allowedOrigins: string };

export const widgetDraftOf = (w: WidgetConfigView): WidgetDraft => ({ ...w, allowedOrigins: w.allowedOrigins.join('\n') });

export const widgetBodyOf = (d: WidgetDraft): WidgetConfigView => ({
  ...d,
  allowedOrigins: d.allowedOrigins
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
});

/** The server names a refused site by its index (widget.allowedOrigins.2): shown at the field with its line. */
export function placeWidgetErrors(fields: Record<string, string>): Record<string, string> {
  const placed: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const site = /^widget\.allowedOrigins\.(\d+)$/.exec(key);
    if (site) placed['widget.allowedOrigins'] ??= W.sitesLine(Number(site[1]) + 1, message);
    else placed[key] = message;
  }
  return placed;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;

interface WidgetFieldsProps {
  snippet: string;
  draft: WidgetDraft;
  errors: Record<string, string>;
  onChange: <K extends keyof WidgetDraft>(key: K, value: WidgetDraft[K]) => void;
}

export function WidgetFields({ snippet, draft, errors, onChange }: WidgetFieldsProps) {
  const err = (key: keyof WidgetDraft) => errors[`widget.${key}`];
  const text = (key: 'color' | 'headerColor' | 'label' | 'logoUrl', label: string, hint: string, narrow = true) => {
    const id = `gs-widget-${key}`;
    const error = err(key);
    return (
      <div class="rc-field">
        <label class="rc-label" for={id}>
          {label}
        </label>
        <div class="widget-input-row">
          {(key === 'color' || key === 'headerColor') && (
            <span class="widget-swatch" aria-hidden="true" style={{ background: COLOUR.test(draft[key].trim()) ? draft[key].trim() : 'transparent' }} />
          )}
          <input
            id={id}
            class={`rc-input ${narrow ? 'input-narrow' : 'input-medium'}`}
            type={key === 'logoUrl' ? 'url' : 'text'}
            spellcheck={false}
            value={draft[key]}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : undefined].filter(Boolean).join(' ')}
            onInput={(e) => onChange(key, e.currentTarget.value)}
          />
        </div>
        <p class="rc-hint" id={`${id}-hint`}>
          {hint}
        </p>
        <FieldError id={`${id}-error`} message={error} />
      </div>
    );
  };
  const previewColour = COLOUR.test(draft.color.trim()) ? draft.color.trim() : '#1d4ed8';

  return (
    <section class="settings-section" aria-labelledby="gs-widget-heading">
      <h3 class="widget-heading" id="gs-widget-heading">
        {W.heading}
      </h3>
      <p class="rc-hint">{W.intro}</p>
      <CopyUrlField id="gs-widget-snippet" label={W.snippetLabel} url={snippet} hint={W.snippetHint} noOpen copyWords={{ copy: W.copy, copied: W.copied }} />
      <div class="field-pair">
        {text('label', W.labelLabel, W.labelHint, false)}
        <fieldset class="radio-group" aria-describedby={err('position') ? 'gs-widget-position-error' : undefined}>
          <legend class="rc-label">{W.positionLegend}</legend>
          <div class="widget-positions">
            {(['bottom-right', 'bottom-left'] as const).map((value) => (
              <label class="rc-check" key={value}>
                <input type="radio" name="widgetPosition" value={value} checked={draft.position === value} onChange={() => onChange('position', value)} />
                {W.positions[value]}
              </label>
            ))}
          </div>
          <FieldError id="gs-widget-position-error" message={err('position')} />
        </fieldset>
        {text('color', W.colorLabel, W.colorHint)}
        {text('headerColor', W.headerColorLabel, W.headerColorHint)}
      </div>
      <div class="widget-preview-row">
        <span class="rc-label" id="gs-widget-preview-label">
          {W.previewLabel}
        </span>
        <div class={`widget-preview ${draft.position}`} role="img" aria-labelledby="gs-widget-preview-label gs-widget-preview-button">
          <span class="widget-preview-button" id="gs-widget-preview-button" style={{ background: previewColour }}>
            {draft.label.trim() || ' '}
          </span>
        </div>
      </div>
      {text('logoUrl', W.logoLabel, W.logoHint, false)}
      <div class="rc-field">
        <label class="rc-label" for="gs-widget-sites">
          {W.sitesLabel}
        </label>
        <textarea
          id="gs-widget-sites"
          class="rc-textarea input-medium"
          rows={3}
          spellcheck={false}
          value={draft.allowedOrigins}
          aria-invalid={err('allowedOrigins') ? 'true' : undefined}
          aria-describedby={['gs-widget-sites-hint', err('allowedOrigins') ? 'gs-widget-sites-error' : undefined].filter(Boolean).join(' ')}
          onInput={(e) => onChange('allowedOrigins', e.currentTarget.value)}
        />
        <p class="rc-hint" id="gs-widget-sites-hint">
          {W.sitesHint}
        </p>
        <FieldError id="gs-widget-sites-error" message={err('allowedOrigins')} />
      </div>
    </section>
  );
}
