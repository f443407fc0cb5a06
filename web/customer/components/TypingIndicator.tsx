/** "Sophie is typing" with animated dots, shown at the bottom of the thread. */
import { words } from '../i18n/messages.js';

export function TypingIndicator({ name }: { name: string }) {
  const t = words.chat.get();
  return (
    <p class="typing" role="status">
      <span class="dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span>{t.typing({ name })}</span>
    </p>
  );
}
