import { describe, expect, it } from 'vitest';
import { boxOf, parseBbox } from './bbox.js';

describe('bbox', () => {
  it('reads a map bounds query and refuses a malformed or inverted one', () => {
    expect(parseBbox('112.1,37.5,112.2,37.6')).toEqual({ minLng: 112.1, minLat: 37.5, maxLng: 112.2, maxLat: 37.6 });
    expect(() => parseBbox('112.1,37.5,112.2')).toThrow(/四个数/);
    expect(() => parseBbox('112.2,37.5,112.1,37.6')).toThrow(/最小值/);
  });
  it('boxes positions', () => {
    expect(boxOf([[1, 2], [3, -1], [2, 5]])).toEqual({ minLng: 1, minLat: -1, maxLng: 3, maxLat: 5 });
  });
});
