import { describe, expect, it } from 'vitest';
import { placeOf } from './place.js';

describe('placeOf', () => {
  it('drops a -rail or -road suffix and nothing else', () => {
    expect(placeOf('sarakhs-road')).toBe('sarakhs');
    expect(placeOf('sarakhs-rail')).toBe('sarakhs');
    expect(placeOf('sarakhs')).toBe('sarakhs');
    expect(placeOf('astara-az-road')).toBe('astara-az');
    expect(placeOf('astara-port')).toBe('astara-port');
    expect(placeOf('roadside')).toBe('roadside');
  });
});
