/** What the villageplan forms share: the meta (criteria, classes…) and the villages the signed-in township plans for. */
import { useAuth } from '../../auth';
import { useData } from '../../platform/data';
import type { PlanMeta } from './contract';

export const KEYS = {
  meta: ['villageplan', 'meta'],
  classifications: ['villageplan', 'classifications'],
  list: ['villageplan', 'list'],
  evaluations: ['villageplan', 'evaluations'],
  cases: ['villageplan', 'cases'],
  dashboard: ['villageplan', 'dashboard'],
} as const;

/** The document's options as the server lists them (one source: villageplan.rules.ts). */
export const useMeta = () => useData<PlanMeta>(KEYS.meta, '/api/villageplan/meta').data;

interface Place {
  id: number;
  name: string;
  kind: 'township' | 'village';
  parentId: number | null;
}

/** The villages of the signed-in township (the public divisions: any account reads them). */
export function useOwnVillages(enabled: boolean): { value: number; label: string }[] {
  const { user } = useAuth();
  const places = useData<{ items: Place[] }>(['directory', 'places'], enabled ? '/api/directory/places' : null).data?.items ?? [];
  return places.filter((p) => p.kind === 'village' && p.parentId === user?.unitId).map((p) => ({ value: p.id, label: p.name }));
}
