/**
 * The messages between the website widget's loader (loader.ts, on the client's page) and its
 * frame (web/customer/embed.ts, the chat page with ?embed=1, on our origin). Both sides check
 * the sender: the loader takes only messages from its iframe's window at our origin, the frame
 * only from its parent at the host origin it was given, and posts only to that origin.
 */
/** Marks our messages among others the windows may receive. Types only: the loader must import no code (one file, no chunks). */
export type WidgetTag = 'rc-widget';

/** Frame → loader. */
export type FrameMessage =
  /** The queue's launcher settings and the reader's words (the loader has none of its own). */
  | { rc: WidgetTag; type: 'ready'; label: string; color: string; position: 'bottom-right' | 'bottom-left'; title: string; unread: string }
  /** Agent messages arrived while the widget was closed. */
  | { rc: WidgetTag; type: 'unread'; count: number }
  /** Escape was pressed inside the frame. */
  | { rc: WidgetTag; type: 'close' }
  /** The browser denies the frame its own storage (third-party storage blocked): asks for what the loader keeps for it. */
  | { rc: WidgetTag; type: 'load' }
  /** …and hands each change to the loader to keep (one key of the frame's storage, null: removed; the host's localStorage). */
  | { rc: WidgetTag; type: 'store'; key: string; value: string | null };

/** Loader → frame: whether the visitor sees the chat, or the frame's storage it kept. */
export type LoaderMessage = { rc: WidgetTag; type: 'open' | 'closed' } | { rc: WidgetTag; type: 'stored'; data: Record<string, string> };
