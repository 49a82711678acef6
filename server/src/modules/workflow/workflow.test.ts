import { describe, expect, it } from 'vitest';
import { OWNER, TOWNSHIP, VILLAGE, body, role } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { AppError } from '../../core/errors.js';
import { defineFlow, type FlowStore } from '../../core/workflow.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';

/** A small procedure written for the test: a request a village files, its township checks, a notice, a sign-off. */
interface Req {
  id: number;
  status: 'filed' | 'checked' | 'noticed' | 'done' | 'refused';
  townshipId: number;
  villageId: number;
  ownerId: number;
  amount: number;
  note: string | null;
}

const flowOf = (cap: { left: number }, signed: Map<number, Set<string>>) =>
  defineFlow<Req, Req['status'], any>({
    entity: 'test_request',
    noun: '申请',
    states: { filed: { label: '已申报', due: { length: 2, unit: '工作日' } }, checked: { label: '乡镇已审核' }, noticed: { label: '公示中' }, done: { label: '已办结' }, refused: { label: '不予通过' } },
    relations: (r) => ({ townshipId: r.townshipId, villageId: r.villageId, ownerUserId: r.ownerId }),
    path: (r, step) => `/api/test/${r.id}/${step}`,
    steps: {
      check: {
        label: '乡镇审核',
        from: ['filed'],
        to: 'checked',
        who: [TOWNSHIP],
        guard: (r: Req) => (r.amount > cap.left ? `额度不足：剩余 ${cap.left}` : null),
        patch: (_r: Req, input: { note: string }) => ({ note: input.note }),
        note: (input: { note: string }) => input.note,
        fields: [{ name: 'note', label: '审核意见', kind: 'textarea', required: true }],
      },
      refuse: { label: '不予通过', from: ['filed', 'checked'], to: 'refused', who: [TOWNSHIP, role('county_admin')], danger: true },
      publish: {
        label: '公示',
        from: ['checked'],
        to: 'noticed',
        who: [body('office')],
        notice: (r: Req, _i: unknown, actor: Actor) => ({ unitId: actor.unitId!, subject: `申请 ${r.id} 公示`, content: '内容', basis: '测试', minLength: 5, unit: '工作日' as const }),
        effect: async (r: Req) => {
          if (r.amount === 13) throw new AppError('CONFLICT', 409, '副作用失败');
        },
      },
      sign: {
        label: '验收签字',
        from: ['noticed'],
        to: 'done',
        who: [],
        signoff: {
          parties: [
            { key: 'owner', label: '申请人', who: [OWNER] },
            { key: 'village', label: '村委会', who: [VILLAGE] },
          ],
          party: (input: { party: string }) => input.party,
          record: async (r: Req, party: string) => {
            const s = signed.get(r.id) ?? new Set<string>();
            signed.set(r.id, s);
            if (s.has(party)) return false;
            s.add(party);
            return true;
          },
          signed: async (r: Req) => [...(signed.get(r.id) ?? [])],
        },
      },
    },
  });

describe.each(DIALECTS)('the procedure kit on %s', (dialect) => {
  it('runs steps by relation, state, guard and notice; logs each; answers actions; refuses a lost race and rolls back a failed effect', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const reg = testRegistry(db, { now: () => '2026-12-02T02:00:00.000Z', today: () => '2026-12-02' });
      await reg.seed({ demo: false, only: ['accounts', 'directory', 'calendar'] });
      const dir = reg.service('directory');
      const units = await dir.all();
      const xy = units.find((u) => u.name === '西营镇')!;
      const tn = units.find((u) => u.name === '天宁镇')!;
      const village = units.find((u) => u.kind === 'village' && u.parentId === xy.id)!;
      const office = units.find((u) => u.name === '县农业农村局')!;
      expect(office.code).toBe('JC-NYNCJ');
      const who = (a: Partial<Actor> & Pick<Actor, 'role'>): Actor => ({ userId: 1, name: '甲', unitId: null, townshipId: null, ...a });
      const township = who({ role: 'township_official', unitId: xy.id, name: '西营镇经办人', userId: 2 });
      const other = who({ role: 'township_official', unitId: tn.id, userId: 3 });
      const officer = who({ role: 'department_official', unitId: office.id, userId: (await reg.service('accounts').idOf('nongye'))!, name: '农业农村局经办人' });
      const owner = who({ role: 'resident', userId: 9, name: '申请人' });
      const vc = who({ role: 'village_committee', unitId: village.id, userId: 5 });

      const rows = new Map<number, Req>();
      rows.set(1, { id: 1, status: 'filed', townshipId: xy.id, villageId: village.id, ownerId: 9, amount: 5, note: null });
      rows.set(2, { id: 2, status: 'filed', townshipId: xy.id, villageId: village.id, ownerId: 9, amount: 50, note: null });
      rows.set(3, { id: 3, status: 'checked', townshipId: xy.id, villageId: village.id, ownerId: 9, amount: 13, note: null });
      const store: FlowStore<Req> = {
        load: async (_a, id) => (rows.has(id) ? { ...rows.get(id)! } : null),
        // JavaScript runs this without interleaving, so it is a compare-and-set as the SQL one is.
        transition: async (id, from, to, patch) => {
          const r = rows.get(id)!;
          if (!from.includes(r.status)) return false;
          rows.set(id, { ...r, ...patch, status: to as Req['status'] });
          return true;
        },
      };
      const cap = { left: 10 };
      const wf = reg.service('workflow');
      const flow = wf.bind(flowOf(cap, new Map()), store, { access: wf.access({ office: { code: 'JC-NYNCJ', name: '县农业农村局' } }), clock: { now: () => '2026-12-02T02:00:00.000Z', today: () => '2026-12-02' } });

      // Who: another township is refused with who may act; a resident is not offered the township's steps at all.
      await expect(flow.run(other, 1, 'check', { note: '同意' })).rejects.toMatchObject({ status: 403, message: '乡镇审核由所在乡（镇）办理' });
      expect((await flow.actions(owner, rows.get(1)!)).map((a) => a.step)).toEqual([]);
      expect(await flow.actions(other, rows.get(1)!)).toEqual([]);
      // The guard is the refusal and the action's reason.
      const acts = await flow.actions(township, rows.get(2)!);
      expect(acts.find((a) => a.step === 'check')).toMatchObject({ allowed: false, reason: '额度不足：剩余 10', path: '/api/test/2/check' });
      expect(acts.find((a) => a.step === 'refuse')).toMatchObject({ allowed: true, danger: true });
      await expect(flow.run(township, 2, 'check', { note: '同意' })).rejects.toMatchObject({ status: 409, message: '额度不足：剩余 10' });

      // A step taken: state, patch, log (with the next state's deadline when it has one), audit.
      const done = await flow.run(township, 1, 'check', { note: '同意' });
      expect(done).toMatchObject({ status: 'checked', note: '同意' });
      await expect(flow.run(township, 1, 'check', { note: '再次' })).rejects.toMatchObject({ status: 409, message: '当前为「乡镇已审核」，不能乡镇审核' });

      // A lost race: of two at once exactly one succeeds, the other gets 409 and nothing is logged for it.
      rows.set(2, { ...rows.get(2)!, amount: 1 });
      const race = await Promise.allSettled([flow.run(township, 2, 'check', { note: 'A' }), flow.run(township, 2, 'check', { note: 'B' })]);
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(race.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
      expect((await flow.timeline(2)).length).toBe(1);

      // A body named by its code: the office publishes the notice on the module's clock, in the same unit of work.
      await expect(flow.run(township, 1, 'publish')).rejects.toMatchObject({ status: 403, message: '公示由县农业农村局办理' });
      const noticed = await flow.run(officer, 1, 'publish');
      expect(noticed.status).toBe('noticed');
      const noticeRows = () => db.kysely.selectFrom('public_notices').select(['subject', 'start_date']).execute();
      expect(await noticeRows()).toEqual([{ subject: '申请 1 公示', start_date: '2026-12-02' }]);
      // A failed effect undoes the notice and the log row (the in-memory record is the test's own, so only those are checked).
      await expect(flow.run(officer, 3, 'publish')).rejects.toMatchObject({ message: '副作用失败' });
      expect(await flow.timeline(3)).toEqual([]);
      expect(await noticeRows()).toHaveLength(1);

      // Sign-off: each party once, by its relation; the last one moves the record.
      await expect(flow.run(township, 1, 'sign', { party: 'village' })).rejects.toMatchObject({ status: 403, message: '「村委会」签字应由所在村委会办理' });
      expect((await flow.actions(owner, rows.get(1)!)).map((a) => [a.label, a.allowed, a.body])).toEqual([['验收签字（申请人）', true, { party: 'owner' }]]);
      await flow.run(owner, 1, 'sign', { party: 'owner' });
      await expect(flow.run(owner, 1, 'sign', { party: 'owner' })).rejects.toMatchObject({ status: 409, message: '「申请人」已签字' });
      expect(rows.get(1)!.status).toBe('noticed');
      const signedAll = await flow.run(vc, 1, 'sign', { party: 'village' });
      expect(signedAll.status).toBe('done');

      const log = await flow.timeline(1);
      expect(log.map((l) => [l.label, l.fromLabel, l.toLabel, l.actor])).toEqual([
        ['乡镇审核', '已申报', '乡镇已审核', '西营镇经办人'],
        ['公示', '乡镇已审核', '公示中', '农业农村局经办人'],
        ['验收签字', '公示中', '公示中', '申请人'],
        ['验收签字', '公示中', '公示中', '甲'],
        ['验收签字', '公示中', '已办结', '甲'],
      ]);
      expect(log[0]!.note).toBe('同意');
      expect(flow.stateList().map((s) => s.label)).toEqual(['已申报', '乡镇已审核', '公示中', '已办结', '不予通过']);
      expect(await flow.waiting(township, [...rows.values()])).toEqual([{ step: 'refuse', label: '不予通过', count: 1 }]);
      rows.set(4, { id: 4, status: 'filed', townshipId: xy.id, villageId: village.id, ownerId: 9, amount: 1, note: null });
      expect(await flow.waiting(township, [...rows.values()])).toEqual([
        { step: 'check', label: '乡镇审核', count: 1 },
        { step: 'refuse', label: '不予通过', count: 2 },
      ]);
    } finally {
      await cleanup();
    }
  });
});
