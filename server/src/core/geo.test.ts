import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { compileMultiPolygon, inJiaocheng, inMultiPolygon, type MultiPolygon } from './geo.js';

describe('geofence', () => {
  it.each([
    [112.156, 37.552, true], // county seat (天宁镇)
    [112.1, 37.62, true], // north of the seat, inside the county
    [111.55, 37.8, true], // 庞泉沟 area, in the western mountains
    [112.028, 37.438, false], // 文水县城
    [112.55, 37.87, false], // 太原
    [111.15, 37.52, false], // 离石
    [116.4, 39.9, false], // 北京
    [Number.NaN, 37.5, false],
  ])('(%f, %f) in 交城县: %s', (lng, lat, inside) => expect(inJiaocheng(lng, lat)).toBe(inside));

  it('respects holes', () => {
    const square = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]] as [number, number][], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]] as [number, number][]];
    expect(inMultiPolygon(2, 2, [square])).toBe(true);
    expect(inMultiPolygon(5, 5, [square])).toBe(false);
  });

  it('the banded index answers exactly as plain ray casting, near and far from the boundary', () => {
    const county = (JSON.parse(readFileSync(new URL('../../fixtures/jiaocheng-boundary.json', import.meta.url), 'utf8')) as { geometry: { coordinates: MultiPolygon } }).geometry.coordinates;
    const square: MultiPolygon = [[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]];
    const fast = compileMultiPolygon(county);
    const fastSquare = compileMultiPolygon(square);
    // Vertices themselves and points a hair away from them are where a wrong band would show.
    const ring = county[0][0];
    fc.assert(
      fc.property(fc.nat(ring.length - 1), fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), (i, dx, dy) => {
        const [x, y] = ring[i];
        expect(fast(x + dx, y + dy)).toBe(inMultiPolygon(x + dx, y + dy, county));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 111, max: 113, noNaN: true }), fc.double({ min: 37, max: 38.5, noNaN: true }), (x, y) => {
        expect(fast(x, y)).toBe(inMultiPolygon(x, y, county));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -2, max: 12, noNaN: true }), fc.double({ min: -2, max: 12, noNaN: true }), (x, y) => {
        expect(fastSquare(x, y)).toBe(inMultiPolygon(x, y, square));
      }),
    );
  });
});
