import { describe, expect, it } from 'vitest';
import { observedDwell } from './observed-dwell.js';
import type { CheckpointVisit } from './types.js';

const HOUR = 3_600_000;

function visit(node: string, arrivalH: number, dwellH: number, synthetic = false): CheckpointVisit {
  return {
    shipmentId: `s-${node}-${arrivalH}`,
    corridor: 'kti',
    mode: 'rail',
    cargoT: 60,
    synthetic,
    seq: 1,
    node,
    arrival: { ms: arrivalH * HOUR, offsetMin: 0, text: '' },
    departure: { ms: (arrivalH + dwellH) * HOUR, offsetMin: 0, text: '' },
    officialCostUsd: 0,
    unofficialCostUsd: 0,
    delayReason: 'none',
  };
}

describe('observedDwell', () => {
  it('collects dwell hours per node, sorted, only where there are enough observations', () => {
    const visits = [
      ...[5, 1, 3].map((dwell, i) => visit('sarakhs', i * 10, dwell)),
      ...[7, 2].map((dwell, i) => visit('bolashak', i * 10, dwell, true)),
    ];
    const observed = observedDwell(visits, 3);
    expect([...observed.hoursByNode.get('sarakhs')!]).toEqual([1, 3, 5]);
    expect(observed.hoursByNode.has('bolashak')).toBe(false);
    expect(observed.countsByNode.get('bolashak')).toBe(2);
    expect(observed.syntheticVisits).toBe(2);
  });
});
