import { describe, expect, it } from 'vitest';
import { inJiaocheng, inMultiPolygon } from './geo.js';

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
});
