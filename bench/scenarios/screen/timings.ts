/**
 * Turns the two pages' stopwatch readings (probe.ts) into per-message times:
 * the whole screen-to-screen time and where it went. Receiver times are
 * moved onto the sender's clock with the measured offset between the pages
 * (clock.ts); both pages read the same machine clock, so it is near zero.
 */
import type { Direction, PageReadout } from './probe.js';

export interface DirectionTimings {
  /** Messages whose Enter key press was seen. */
  sent: number;
  /** Of those, answered by the server (the sender's socket got a frame naming it). */
  acknowledged: number;
  /** Sent but never painted on the other page. */
  lost: string[];
  /** Key press on the sender → the frame that showed it on the receiver was rendered. */
  screenToScreen: number[];
  /** Key press → the message's frame left the sender's socket (app code, outbox, Socket.IO). */
  pressToWire: number[];
  /** Sender's socket → receiver's socket (loopback, server: validate, store, publish). */
  wireToWire: number[];
  /** Sender's socket → the server's first frame naming it back on the sender's socket (today the sender's own event echoed, then the ack). */
  ackRoundTrip: number[];
  /** Receiver's socket → the text in the transcript's DOM (app state and render). */
  wireToDom: number[];
  /** DOM → the end of the next frame's rendering (waiting for the frame, style, layout, paint). */
  domToPaint: number[];
}

const ids = (record: Record<string, number>) => Object.keys(record);

/** `receiverMinusSender`: the receiver's clock minus the sender's, in ms. */
export function directionTimings(direction: Direction, sender: PageReadout, receiver: PageReadout, receiverMinusSender: number): DirectionTimings {
  const out = sender.stamps;
  const into = receiver.stamps;
  const own = (time: number) => time - receiverMinusSender;
  const result: DirectionTimings = { sent: 0, acknowledged: 0, lost: [], screenToScreen: [], pressToWire: [], wireToWire: [], ackRoundTrip: [], wireToDom: [], domToPaint: [] };
  const push = (list: number[], from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined) list.push(to - from);
  };
  for (const id of ids(out.pressed).filter((marker) => marker.startsWith(`${direction}-`))) {
    result.sent += 1;
    if (out.ack[id] !== undefined) result.acknowledged += 1;
    const painted = into.painted[id];
    if (painted === undefined) {
      result.lost.push(id);
      continue;
    }
    push(result.screenToScreen, out.pressed[id], own(painted));
    push(result.pressToWire, out.pressed[id], out.wsOut[id]);
    push(result.ackRoundTrip, out.wsOut[id], out.ack[id]);
    if (into.wsIn[id] !== undefined) push(result.wireToWire, out.wsOut[id], own(into.wsIn[id]));
    push(result.wireToDom, into.wsIn[id], into.dom[id]);
    push(result.domToPaint, into.dom[id], into.painted[id]);
  }
  return result;
}
