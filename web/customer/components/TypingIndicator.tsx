/** "Sophie is typing" with animated dots, shown at the bottom of the thread. */
export function TypingIndicator({ name }: { name: string }) {
  return (
    <p class="typing" role="status">
      <span class="dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span>{name} is typing</span>
    </p>
  );
}
