/**
 * The Chinese names of what the audit trail records: the kinds of record (entity) and what was done (action). A
 * procedure's records and steps are named by its declaration (bound through the workflow module); the rest by the
 * module's manifest (`auditLabels`). The trail keeps its keys; users see these names.
 */

const ENTITIES = new Map<string, string>();
const ACTIONS = new Map<string, string>();

/** What most records share: the names of an action any module may record without declaring it. */
const COMMON: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  apply: '申请',
  publish: '发布',
  close: '关闭',
  submit: '报送',
  report: '报送',
  release: '拨付',
  commit: '写入',
  discard: '放弃',
  sign: '签字',
  enter: '录入',
  record: '登记',
  draw: '抽取',
  result: '录入结果',
};

/** Declare labels: entities by key, actions by `<entity>.<action>` or by action alone. */
export function declareAuditLabels(l: { entities?: Readonly<Record<string, string>>; actions?: Readonly<Record<string, string>> }): void {
  for (const [k, v] of Object.entries(l.entities ?? {})) ENTITIES.set(k, v);
  for (const [k, v] of Object.entries(l.actions ?? {})) ACTIONS.set(k, v);
}

/** The name of a kind of record, or null when none is declared. */
export const entityLabel = (entity: string): string | null => ENTITIES.get(entity) ?? null;

/** The name of an action on a kind of record, or null when none is declared. */
export const actionLabel = (entity: string, action: string): string | null => ACTIONS.get(`${entity}.${action}`) ?? ACTIONS.get(action) ?? COMMON[action] ?? null;

/** Every named kind of record, for a filter. */
export const entityLabels = (): { value: string; label: string }[] => [...ENTITIES].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
