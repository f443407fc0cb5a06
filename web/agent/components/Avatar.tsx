/** A round picture, falling back to the default image, then to initials. */
import { useState } from 'preact/hooks';
import { initials } from '../format.js';

const DEFAULT_AVATAR = '/static/default-avatar.svg';

export interface AvatarProps {
  name: string;
  src: string | null;
  size?: number;
}

export function Avatar({ name, src, size = 32 }: AvatarProps) {
  const [failed, setFailed] = useState<string[]>([]);
  const candidates = [src, DEFAULT_AVATAR].filter((url): url is string => !!url && !failed.includes(url));
  const url = candidates[0];
  const style = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.4)}px` };
  if (!url) {
    return (
      <span class="avatar avatar-initials" style={style} aria-hidden="true">
        {initials(name)}
      </span>
    );
  }
  return <img class="avatar" style={style} src={url} alt="" onError={() => setFailed((list) => [...list, url])} />;
}
