import { describe, expect, it } from 'vitest';
import { cumulativeSeries, linearScale, niceTicks } from './chart-scale.js';

describe('time–cost–distance chart scales', () => {
  it('picks round ticks that cover the data', () => {
    expect(niceTicks(4_730)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(niceTicks(9.2)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0)).toEqual([0]);
  });

  it('starts the series at the origin and keeps zero-km steps as rises', () => {
    const series = cumulativeSeries([
      { cumulative: { km: 100, hours: 2, usd: 5 } },
      { cumulative: { km: 100, hours: 12, usd: 9 } },
    ]);
    expect(series).toEqual([
      { km: 0, hours: 0, usd: 0 },
      { km: 100, hours: 2, usd: 5 },
      { km: 100, hours: 12, usd: 9 },
    ]);
  });

  it('maps data onto pixels, upside down for a y axis', () => {
    const y = linearScale(10, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(5)).toBe(100);
  });
});
