/** The queue page's tab strip (ARIA tabs with arrow-key movement). */
import { TABS, type TabId } from './route.js';
import { QUEUE_WORDS } from './queueWords.js';

export interface TabsProps {
  current: TabId;
  onChange: (tab: TabId) => void;
}

export function Tabs({ current, onChange }: TabsProps) {
  function onKeyDown(event: KeyboardEvent) {
    const index = TABS.findIndex((t) => t.id === current);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (!next) return;
    onChange(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }

  return (
    <div class="rc-tabs page-tabs" role="tablist" aria-label={QUEUE_WORDS.tabsLabel} onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          class="rc-tab"
          aria-selected={tab.id === current}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === current ? 0 : -1}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
