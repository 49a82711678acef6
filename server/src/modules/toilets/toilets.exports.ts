/** What 农村改厕 exports as jobs (/api/exports/toilets/…): the household ledger, masked whoever asks. */
import type { ExportSpec } from '../../core/exports.js';
import type { HouseholdsService } from './households.service.js';
import type { ToiletsService } from './toilets.service.js';

type LedgerRow = ReturnType<HouseholdsService['view']> & { township: string; village: string };

/** 改厕户台账: every household of the actor's scope, one row each, names, ID numbers and phones masked. */
export function householdLedger(service: ToiletsService): ExportSpec<LedgerRow> {
  return {
    permission: 'toilets.read',
    title: '农村改厕台账',
    fileName: '农村改厕台账.xlsx',
    sheet: '改厕户台账',
    count: (actor) => service.dashboard.ledgerCount(actor),
    pages: (actor) => service.dashboard.ledgerPages(actor),
    columns: [
      { header: '乡镇', value: (h) => h.township },
      { header: '村', value: (h) => h.village, width: 16 },
      { header: '户主', value: (h) => h.headName },
      { header: '身份证号', value: (h) => h.idNo, width: 22 },
      { header: '联系电话', value: (h) => h.phone, width: 14 },
      { header: '现有厕所', value: (h) => h.currentTypeName, width: 18 },
      { header: '改厕模式', value: (h) => h.modeName ?? '', width: 28 },
      { header: '状态', value: (h) => h.statusLabel },
      { header: '协议编号', value: (h) => h.agreementNo ?? '' },
      { header: '厕所编号', value: (h) => h.toiletNo ?? '' },
      { header: '开工', value: (h) => h.startedAt ?? '', kind: 'date' },
      { header: '完工', value: (h) => h.completedAt ?? '', kind: 'date' },
      { header: '补助(元)', value: (h) => h.subsidyFen ?? h.plannedFen, kind: 'fen', total: true, width: 14 },
      { header: '其中省级(元)', value: (h) => h.split?.provinceFen, kind: 'fen', total: true, width: 14 },
      { header: '其中县级(元)', value: (h) => h.split?.countyFen, kind: 'fen', total: true, width: 14 },
    ],
  };
}
