/** The burst and many-nodes scenarios' figures, read off the routing load's result (routingJob.ts). */
import type { ScenarioReport } from '../contract.js';
import { round } from './machine.js';
import type { RoutingResult } from './routingJob.js';

export const TARGET_DECISIONS_PER_SECOND = 500;

export function routingFigures(result: RoutingResult): ScenarioReport['figures'] {
  const { drain, wave, freeSeat } = result;
  return {
    lineChats: drain.chats,
    lineOffered: drain.offered,
    lineDrainSeconds: round(drain.seconds, 3),
    lineFirstOfferSeconds: round(drain.firstOfferSeconds, 3),
    lineDecisionsPerSecond: round(drain.decisionsPerSecond, 0),
    waveChats: wave.chats,
    waveOffered: wave.offered,
    waveSeconds: round(wave.seconds, 3),
    waveDecisionsPerSecond: round(wave.decisionsPerSecond, 0),
    startToOfferMsP50: wave.startToOffer.p50,
    startToOfferMsP95: wave.startToOffer.p95,
    startToOfferMsP99: wave.startToOffer.p99,
    startToOfferMsMax: wave.startToOffer.max,
    freeSeatSamples: freeSeat.samples,
    freeSeatToOfferMsP50: freeSeat.fromAck.p50,
    freeSeatToOfferMsP99: freeSeat.fromAck.p99,
    freeSeatToOfferMsMax: freeSeat.fromAck.max,
    freeSeatFromRequestMsP50: freeSeat.fromRequest.p50,
    freeSeatFromRequestMsP99: freeSeat.fromRequest.p99,
    offersBeforeEndAck: freeSeat.offersBeforeAck,
    offersReceived: result.offers,
    doubleOffers: result.doubleOffers,
    agentsAboveCapacity: result.overCapacity,
    customersConnectedAtEnd: result.customersConnected,
    agentsPerNode: result.agentsByNode.join(' / '),
  };
}

export function routingNotes(result: RoutingResult): string[] {
  return [
    'line: customers wait first, then every agent goes Available at once; decisions/s = chats offered / (last offer − the first status:set sent)',
    'wave: customers start chats through the form at once while agents are Available; start→offer is from the POST sent to the offer reaching an agent socket',
    'free seat: every seat full, customers waiting; an agent ends one chat (chat:leave); the time from its acknowledgement to the next offer reaching that agent (0 when the offer came first: offersBeforeEndAck)',
    'double offers: a chat offered to a second agent while another still held it; agentsAboveCapacity: an agent holding more chats than its capacity — both counted from what the agents\' sockets received',
    ...(result.errorSamples.length ? [`first errors: ${result.errorSamples.join(' | ')}`] : []),
  ];
}
