/**
 * The platform's map: Leaflet with no tile server and no network — the county's boundary and a module's own GeoJSON
 * layers, labels in Chinese, a metric scale bar, and (when asked) a polygon drawing tool. Coordinates are WGS84/CGCS2000
 * longitude/latitude as stored (never GCJ-02); Leaflet's default projection draws them as they are. Points are circle
 * markers (no icon files to fetch).
 */
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import L from 'leaflet';
import { CircleMarker, GeoJSON, MapContainer, Polygon as LeafletPolygon, Polyline, ScaleControl, Tooltip, ZoomControl, useMap, useMapEvents } from 'react-leaflet';
import boundary from '../../../server/fixtures/jiaocheng-boundary.json';
import { WhyDisabled } from './kit';

export type Ring = [number, number][];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MapLayer {
  id: string | number;
  geometry: PolygonGeometry;
  label: string;
  color?: string;
}

const COUNTY = boundary as unknown as GeoJSON.Feature;
const toLatLng = (ring: Ring): [number, number][] => ring.map(([lng, lat]) => [lat, lng]);

/** Fit the view to the layers (or the county when there are none), once they change. */
function Fit({ layers }: { layers: readonly MapLayer[] }) {
  const map = useMap();
  const key = layers.map((l) => l.id).join(',');
  useEffect(() => {
    const b = layers.length ? L.latLngBounds(layers.flatMap((l) => toLatLng(l.geometry.coordinates[0] ?? []))) : L.geoJSON(COUNTY).getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [24, 24], maxZoom: 17 });
    // Only a change of which layers are shown moves the view, not a re-render.
  }, [key, map]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}

/** Clicks add the corners of a polygon being drawn. */
function Clicks({ onPoint }: { onPoint: (p: [number, number]) => void }) {
  useMapEvents({ click: (e) => onPoint([Math.round(e.latlng.lng * 1e6) / 1e6, Math.round(e.latlng.lat * 1e6) / 1e6]) });
  return null;
}

export interface MapViewProps {
  layers?: readonly MapLayer[];
  height?: number;
  /** Offer the drawing tool: each click a corner, 「完成」 closes the polygon and hands it over. */
  onDraw?: (g: PolygonGeometry) => void;
  /** A polygon shown while it is being edited (e.g. the one last drawn). */
  draft?: PolygonGeometry | null;
  /** Offer picking a point instead (a site, a facility): each click hands over its longitude and latitude. */
  onPoint?: (lngLat: [number, number]) => void;
  /** Points shown with their labels. */
  points?: readonly { id: string | number; lngLat: [number, number]; label: string }[];
}

export function MapView({ layers = [], height = 360, onDraw, draft, onPoint, points: marks = [] }: MapViewProps) {
  const [points, setPoints] = useState<[number, number][]>([]);
  const shown = useMemo(() => (draft ? [...layers, { id: 'draft', geometry: draft, label: '新绘制的地块', color: '#d4380d' }] : layers), [layers, draft]);
  const finish = () => {
    if (points.length < 3 || !onDraw) return;
    onDraw({ type: 'Polygon', coordinates: [[...points, points[0]!]] });
    setPoints([]);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {onDraw && (
        <Space wrap data-testid="map-draw">
          <Typography.Text type="secondary">{points.length ? `已点 ${points.length} 个角点` : '在地图上依次点击地块的各个角点'}</Typography.Text>
          <WhyDisabled reason={points.length < 3 && `至少点 3 个角点才能完成（还差 ${3 - points.length} 个）`}>
            <Button size="small" type="primary" disabled={points.length < 3} onClick={finish}>完成绘制</Button>
          </WhyDisabled>
          <WhyDisabled reason={!points.length && '还没有点角点'}>
            <Button size="small" disabled={!points.length} onClick={() => setPoints((p) => p.slice(0, -1))}>撤销一点</Button>
          </WhyDisabled>
          <WhyDisabled reason={!points.length && '还没有点角点'}>
            <Button size="small" disabled={!points.length} onClick={() => setPoints([])}>清除</Button>
          </WhyDisabled>
        </Space>
      )}
      <div data-testid="map" style={{ height, width: '100%' }}>
        <MapContainer style={{ height: '100%', width: '100%', background: '#f5f7fa' }} center={[37.55, 112.16]} zoom={10} zoomControl={false} attributionControl={false}>
          <ZoomControl position="topleft" zoomInTitle="放大" zoomOutTitle="缩小" />
          <ScaleControl imperial={false} />
          <GeoJSON data={COUNTY} style={{ color: '#8c8c8c', weight: 1.5, fillOpacity: 0.04 }} />
          {shown.map((l) => (
            <LeafletPolygon key={l.id} positions={l.geometry.coordinates.map(toLatLng)} pathOptions={{ color: l.color ?? '#1677ff', weight: 2, fillOpacity: 0.3 }}>
              <Tooltip permanent={shown.length <= 12} direction="center">{l.label}</Tooltip>
            </LeafletPolygon>
          ))}
          {points.length > 0 && <Polyline positions={points.map(([lng, lat]) => [lat, lng])} pathOptions={{ color: '#d4380d', dashArray: '4 4' }} />}
          {onDraw && <Clicks onPoint={(p) => setPoints((x) => [...x, p])} />}
          {onPoint && !onDraw && <Clicks onPoint={onPoint} />}
          {marks.map((m) => (
            <CircleMarker key={m.id} center={[m.lngLat[1], m.lngLat[0]]} radius={6} pathOptions={{ color: '#d4380d' }}>
              <Tooltip direction="top">{m.label}</Tooltip>
            </CircleMarker>
          ))}
          <Fit layers={shown} />
        </MapContainer>
      </div>
    </Space>
  );
}
