/** Label: value pairs, as the customer entered them. */
import type { LabelledValue } from '../../../src/protocol/views.js';

export function DataList({ items, compact = false }: { items: LabelledValue[]; compact?: boolean }) {
  return (
    <dl class={compact ? 'data-list data-list-compact' : 'data-list'}>
      {items.map((item, index) => (
        <div class="data-row" key={`${item.label}-${index}`}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
