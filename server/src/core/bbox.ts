/**
 * Bounding boxes for map views: parse the `bbox` query (minLng,minLat,maxLng,maxLat, WGS84 degrees) and test a row's
 * stored box against it in SQL that reads the same on SQLite and PostgreSQL (four comparisons on plain columns, so an
 * index on them serves it; no spatial extension needed).
 */
import { sql, type RawBuilder } from 'kysely';
import { invalidField } from './errors.js';

export interface Box {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** The box around a list of [lng, lat] positions. */
export function boxOf(points: readonly (readonly number[])[]): Box {
  return {
    minLng: Math.min(...points.map((p) => p[0]!)), minLat: Math.min(...points.map((p) => p[1]!)),
    maxLng: Math.max(...points.map((p) => p[0]!)), maxLat: Math.max(...points.map((p) => p[1]!)),
  };
}

/** Read `minLng,minLat,maxLng,maxLat` (a map's visible bounds); a malformed or inverted box is refused by field. */
export function parseBbox(text: string, field = 'bbox'): Box {
  const n = text.split(',').map((x) => Number(x.trim()));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) throw invalidField(field, '范围应为「最小经度,最小纬度,最大经度,最大纬度」四个数');
  const [minLng, minLat, maxLng, maxLat] = n as [number, number, number, number];
  if (minLng > maxLng || minLat > maxLat || minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) throw invalidField(field, '范围的经纬度无效（最小值应不大于最大值）');
  return { minLng, minLat, maxLng, maxLat };
}

/** A condition for `.where(...)`: the row's stored box (the four named columns) meets `b` (touching counts). */
export function boxMeets(cols: { minLng: string; minLat: string; maxLng: string; maxLat: string }, b: Box): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(cols.maxLng)} >= ${b.minLng} and ${sql.ref(cols.minLng)} <= ${b.maxLng} and ${sql.ref(cols.maxLat)} >= ${b.minLat} and ${sql.ref(cols.minLat)} <= ${b.maxLat})`;
}
