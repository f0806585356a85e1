import { describe, expect, it } from 'vitest';
import { targetFor, targetLevels, type RegionFacts } from './region.js';

const region: RegionFacts = {
  targets: [
    { id: 'east', year: 2030, mt: 20, sources: ['s'], confidence: 'reported' },
    { id: 'east', year: 2027, mt: 15, sources: ['s'], confidence: 'reported' },
    { id: 'other', year: 2040, mt: 99, sources: ['s'], confidence: 'estimate' },
  ],
  measures: [],
  overview: [],
};

describe('region targets', () => {
  it('judges a year against the first level due in or after it, else the last of its series', () => {
    expect(targetFor(region, 'east', 2024)).toEqual({ year: 2027, mt: 15 });
    expect(targetFor(region, 'east', 2027)).toEqual({ year: 2027, mt: 15 });
    expect(targetFor(region, 'east', 2028)).toEqual({ year: 2030, mt: 20 });
    expect(targetFor(region, 'east', 2035)).toEqual({ year: 2030, mt: 20 });
    expect(targetFor(region, 'missing', 2027)).toBeUndefined();
    expect(targetFor(undefined, 'east', 2027)).toBeUndefined();
  });

  it('lists the levels of one series, earliest first', () => {
    expect(targetLevels(region, 'east')).toEqual([
      { year: 2027, mt: 15 },
      { year: 2030, mt: 20 },
    ]);
  });
});
