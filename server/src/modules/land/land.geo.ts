/**
 * Parcel boundaries: a GeoJSON Polygon in WGS84/CGCS2000 longitude/latitude (never GCJ-02), checked for shape and for
 * lying inside 交城县, and its area in whole 平方米.
 */

import { inJiaocheng } from '../../core/geo.js';

export type Position = [number, number];
export interface PolygonGeometry { type: 'Polygon'; coordinates: Position[][] }

/** The WGS84 semi-major axis the spherical area below uses (the same figure as common GeoJSON tools). */
const EARTH_RADIUS_M = 6_378_137;
const rad = (d: number) => (d * Math.PI) / 180;

/** A ring's area on the sphere in 平方米 (unsigned), by the spherical-excess sum over its edges. */
function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [l1, p1] = ring[i]!;
    const [l2, p2] = ring[i + 1]!;
    s += rad(l2 - l1) * (2 + Math.sin(rad(p1)) + Math.sin(rad(p2)));
  }
  return Math.abs((s * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/** A polygon's area rounded to whole 平方米 (outer ring less its holes). */
export function polygonAreaSqm(g: PolygonGeometry): number {
  const [outer, ...holes] = g.coordinates;
  return Math.round(ringArea(outer!) - holes.reduce((a, h) => a + ringArea(h), 0));
}

/** Why a value is not a usable parcel boundary (a Chinese sentence naming the field), or null when it is one. */
export function boundaryProblem(g: unknown): string | null {
  const x = g as Partial<PolygonGeometry> | null;
  if (!x || x.type !== 'Polygon' || !Array.isArray(x.coordinates) || x.coordinates.length === 0) return '地块边界须为 GeoJSON Polygon';
  for (const ring of x.coordinates) {
    if (!Array.isArray(ring) || ring.length < 4) return '地块边界的每个环至少需要 4 个点（首尾相同）';
    if (!ring.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]))) return '地块边界的坐标须为经度、纬度数值';
    const [a, b] = [ring[0]!, ring[ring.length - 1]!];
    if (a[0] !== b[0] || a[1] !== b[1]) return '地块边界的环须首尾闭合';
    if (!ring.every(([lng, lat]) => inJiaocheng(lng, lat))) return '地块边界不在交城县境内';
  }
  if (polygonAreaSqm(x as PolygonGeometry) <= 0) return '地块边界面积为零';
  return null;
}

/** The bounding box of a polygon, for the map's bounding-box queries. */
export function bbox(g: PolygonGeometry): { minLng: number; minLat: number; maxLng: number; maxLat: number } {
  const pts = g.coordinates.flat();
  return {
    minLng: Math.min(...pts.map((p) => p[0])), minLat: Math.min(...pts.map((p) => p[1])),
    maxLng: Math.max(...pts.map((p) => p[0])), maxLat: Math.max(...pts.map((p) => p[1])),
  };
}
