/**
 * The stopwatch the screen scenario puts into each browser page before the
 * app loads (page.addInitScript). It changes nothing in the product; it only
 * watches, on the page's own clock (performance.timeOrigin + now, one clock
 * for both pages of the browser), when each benchmark message:
 *   pressed  - Enter went down in a composer holding the message (the key event's own time stamp)
 *   wsOut    - its frame left on the page's WebSocket
 *   ack      - the server's first frame naming it came back to the sender (its echo or the ack)
 *   wsIn     - its frame reached the receiving page's WebSocket
 *   dom      - a node with its text was added to the receiving page's transcript ([role=log])
 *   frame    - the next animation frame after that started (rendering of that frame begins)
 *   painted  - that frame's rendering was done (a task queued from inside the frame ran)
 * Messages are named by markers like "[c2a-<run>-17]" in their text.
 * Kept as source text, not a function: tsx compiles functions with name
 * helpers that do not exist inside the page.
 */

/** Which markers a page sends and which it receives. */
export interface ProbeConfig {
  run: string;
  outgoing: Direction;
  incoming: Direction;
}

export type Direction = 'c2a' | 'a2c';

export const STAMP_KINDS = ['pressed', 'wsOut', 'ack', 'wsIn', 'dom', 'frame', 'painted'] as const;
export type StampKind = (typeof STAMP_KINDS)[number];
/** Marker → epoch milliseconds (sub-millisecond), first occurrence only. */
export type Stamps = Record<StampKind, Record<string, number>>;

export interface PageReadout {
  stamps: Stamps;
  visibility: string;
  /** Animation frames that took over 50 ms (Long Animation Frames API), and the longest one in ms. */
  longFrames: number;
  longestFrameMs: number;
}

export function probeSource(config: ProbeConfig): string {
  return `(() => {
  const cfg = ${JSON.stringify(config)};
  const now = () => performance.timeOrigin + performance.now();
  // Brackets end a marker: in a transcript row the text runs on into the time ("…-17]13:18").
  const pattern = new RegExp('\\\\[((c2a|a2c)-' + cfg.run + '-\\\\d+)\\\\]', 'g');
  const stamps = { pressed: {}, wsOut: {}, ack: {}, wsIn: {}, dom: {}, frame: {}, painted: {} };
  const markers = (text, direction) => {
    const found = [];
    for (const match of String(text).matchAll(pattern)) if (match[2] === direction) found.push(match[1]);
    return found;
  };
  const stamp = (kind, text, direction, time) => {
    const fresh = [];
    for (const id of markers(text, direction)) {
      if (stamps[kind][id] === undefined) { stamps[kind][id] = time; fresh.push(id); }
    }
    return fresh;
  };

  // The key press, in the capture phase before the app's own handler runs.
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || !(event.target instanceof HTMLTextAreaElement)) return;
    const heard = now();
    const down = performance.timeOrigin + event.timeStamp;
    stamp('pressed', event.target.value, cfg.outgoing, down <= heard && heard - down < 1000 ? down : heard);
  }, true);

  // The page's WebSocket frames, both ways (Socket.IO after its upgrade).
  const NativeWebSocket = window.WebSocket;
  const nativeSend = NativeWebSocket.prototype.send;
  NativeWebSocket.prototype.send = function (data) {
    if (typeof data === 'string') stamp('wsOut', data, cfg.outgoing, now());
    return nativeSend.call(this, data);
  };
  window.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args) {
      const socket = Reflect.construct(target, args);
      socket.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') return;
        const time = now();
        stamp('wsIn', event.data, cfg.incoming, time);
        stamp('ack', event.data, cfg.outgoing, time);
      });
      return socket;
    },
  });

  // The transcript: a received message's text added to a [role=log], then its frame.
  let longFrames = 0;
  let longestFrameMs = 0;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longFrames += 1;
        longestFrameMs = Math.max(longestFrameMs, entry.duration);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // An older browser without the Long Animation Frames API: the count stays 0.
  }
  const inLog = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return Boolean(element && element.closest('[role=log]'));
  };
  const observer = new MutationObserver((records) => {
    const time = now();
    const fresh = [];
    for (const record of records) {
      const nodes = record.type === 'characterData' ? [record.target] : record.addedNodes;
      for (const node of nodes) if (inLog(node)) fresh.push(...stamp('dom', node.textContent || '', cfg.incoming, time));
    }
    if (fresh.length === 0) return;
    requestAnimationFrame(() => {
      const frameTime = now();
      for (const id of fresh) stamps.frame[id] = frameTime;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const paintedTime = now();
        for (const id of fresh) stamps.painted[id] = paintedTime;
        channel.port1.close();
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });

  window.__benchScreen = {
    now,
    readout: () => ({ stamps, visibility: document.visibilityState, longFrames, longestFrameMs }),
    /** Long frames are counted from here (the measured window), not from page load. */
    resetFrames: () => { longFrames = 0; longestFrameMs = 0; },
    counts: () => ({ pressed: Object.keys(stamps.pressed).length, painted: Object.keys(stamps.painted).length }),
  };
})();`;
}
