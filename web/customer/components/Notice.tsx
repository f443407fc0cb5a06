/** A centred message with an icon and optional actions: loading, invalid link, failures. */
import type { ComponentChildren } from 'preact';

interface NoticeProps {
  icon: 'spinner' | 'link' | 'alert' | 'clock' | 'check';
  title: string;
  children?: ComponentChildren;
}

export function Notice({ icon, title, children }: NoticeProps) {
  return (
    <div class="notice" role={icon === 'spinner' ? 'status' : undefined}>
      <Icon name={icon} />
      <h2 class="notice-title">{title}</h2>
      {children}
    </div>
  );
}

/** Small inline SVG icons (no icon font or image requests). */
export function Icon({ name }: { name: NoticeProps['icon'] }) {
  if (name === 'spinner') return <span class="spinner" aria-hidden="true" />;
  const paths: Record<Exclude<NoticeProps['icon'], 'spinner'>, string> = {
    link: 'M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1M4 4l16 16',
    alert: 'M12 8v5M12 16.5v.01M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
    clock: 'M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
    check: 'M8 12.5l3 3 5-6M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  };
  return (
    <span class="notice-icon" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
        <path d={paths[name]} />
      </svg>
    </span>
  );
}
