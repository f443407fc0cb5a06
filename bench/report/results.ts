/** The whole run's report as written to bench/results/<timestamp>.json (validated by tests/benchSmoke.test.ts). */
import type { ScenarioReport } from '../contract.js';
import type { MachineInfo } from './machine.js';
import type { CustomerPageSize } from './pageWeight.js';

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  smoke: boolean;
  /** The command line's scenario parameters (--key=value). */
  params: Record<string, string>;
  machine: MachineInfo;
  customerPage: CustomerPageSize;
  sections: ScenarioReport[];
  /** Scenarios that threw: the run fails. */
  failures: { scenario: string; error: string }[];
}
