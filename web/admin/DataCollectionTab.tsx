/** Queues Configuration → Data Collection: whether the form is on, and a preview of its fields. */
import type { AdminQueueDetail } from '../../src/protocol/http.js';
import type { FieldType, FormFieldView } from '../../src/protocol/views.js';

const TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  email: 'Email',
  phone: 'Phone',
  select: 'Choice',
  textarea: 'Multi-line text',
};

function PreviewControl({ field }: { field: FormFieldView }) {
  const id = `dc-preview-${field.id}`;
  const common = { id, disabled: true, 'aria-required': field.required };
  switch (field.type) {
    case 'textarea':
      return <textarea {...common} class="rc-textarea" rows={3} />;
    case 'select':
      return (
        <select {...common} class="rc-select rc-input">
          <option value="">Choose…</option>
          {(field.options ?? []).map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      );
    default:
      return <input {...common} class="rc-input" type={field.type === 'phone' ? 'tel' : field.type} />;
  }
}

export function DataCollectionTab({ queue }: { queue: AdminQueueDetail }) {
  const { enabled, fields } = queue.form;
  return (
    <div class="dc">
      <div class="dc-status">
        <span class={`rc-badge ${enabled ? 'rc-badge-success' : ''}`}>{enabled ? 'On' : 'Off'}</span>
        <p>
          {enabled
            ? 'Customers fill in this form before they join the queue. Agents see the answers next to the chat.'
            : 'Data Collection is off: customers join the queue directly, without a form.'}
        </p>
      </div>

      {fields.length === 0 ? (
        <p class="dc-empty">This queue has no Data Collection fields.</p>
      ) : (
        <div class={`dc-layout${enabled ? '' : ' is-disabled'}`}>
          <section class="dc-preview" aria-labelledby="dc-preview-title">
            <h3 id="dc-preview-title" class="dc-heading">
              Preview
            </h3>
            <p class="rc-hint">What customers see. Required fields are marked with a red asterisk (*).</p>
            <div class="dc-form">
              {fields.map((field) => (
                <div class="rc-field" key={field.id}>
                  <label class="rc-label" for={`dc-preview-${field.id}`}>
                    {field.label}
                    {field.required && (
                      <span class="rc-required" aria-hidden="true">
                        *
                      </span>
                    )}
                  </label>
                  <PreviewControl field={field} />
                </div>
              ))}
              <button type="button" class="rc-btn rc-btn-primary" disabled>
                Send
              </button>
            </div>
          </section>

          <section class="dc-fields" aria-labelledby="dc-fields-title">
            <h3 id="dc-fields-title" class="dc-heading">
              Fields
            </h3>
            <table class="dc-table">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Type</th>
                  <th scope="col">Required</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => (
                  <tr key={field.id}>
                    <td>
                      {field.label}
                      {field.type === 'select' && field.options && (
                        <span class="dc-options">{field.options.join(' · ')}</span>
                      )}
                    </td>
                    <td>{TYPE_LABELS[field.type]}</td>
                    <td>{field.required ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
