/**
 * The survey and transcript panel, fetched when a chat has ended (web/customer/after/): it and its
 * words are chunks of their own, so the page's first load stays within its budget. Nothing shows while
 * it loads, or if it cannot be fetched (the chat's end still reads as before).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { language } from '../i18n/index.js';
import type { AfterChatProps } from '../after/AfterChat.js';

export function LazyAfterChat({ token }: { token: string }) {
  const [loaded, setLoaded] = useState<{ Panel: ComponentType<AfterChatProps>; words: AfterChatProps['words'] } | null>(null);
  useEffect(() => {
    let live = true;
    import('../after/index.js')
      .then(async (m) => ({ Panel: m.AfterChat, words: await m.loadAfterWords(language) }))
      .then((value) => live && setLoaded(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return loaded ? <loaded.Panel token={token} language={language} words={loaded.words} /> : null;
}
