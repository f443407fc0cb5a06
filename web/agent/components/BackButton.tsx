/** Phone: the way back from an open pane to the chat list (named in full for screen readers; "Back" is what shows). */
import { LAYOUT_WORDS } from '../layoutWords.js';

export interface BackButtonProps {
  onBack: () => void;
  label?: string;
  text?: string;
}

export function BackButton({ onBack, label = LAYOUT_WORDS.backLabel, text = LAYOUT_WORDS.back }: BackButtonProps) {
  return (
    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm back-button" aria-label={label} onClick={onBack}>
      <span class="back-chevron" aria-hidden="true">
        ‹
      </span>
      {text}
    </button>
  );
}
