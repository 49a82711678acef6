/** What the agrifund routes answer, inferred type-only from the server's own schemas. */
import type { z } from 'zod';
import type { Kpis, Meta, PaymentItem, ProjectDetail, ProjectItem, ReviseBody, SourceBody, SourceListItem, Tree } from '../../../../server/src/modules/agrifund/agrifund.schemas.js';
import type { ImportJob, ImportLine, ImportTables } from '../../../../server/src/modules/agrifund/agrifund.import.schemas.js';
import type { AuditList, DrawBody, LeadItem } from '../../../../server/src/modules/agrifund/agrifund.audits.routes.js';

export type FundAudits = z.output<typeof AuditList>;
export type FundAuditDraw = FundAudits['draws'][number];
export type FundLead = z.output<typeof LeadItem>;
export type FundDrawBody = z.input<typeof DrawBody>;

export type FundImportJob = z.output<typeof ImportJob>;
export type FundImportLine = z.output<typeof ImportLine>;
export type FundImportTables = z.output<typeof ImportTables>;

export type FundTree = z.output<typeof Tree>;
export type FundMeta = z.output<typeof Meta>;
export type FundSource = z.output<typeof SourceListItem>;
export type FundRevision = z.input<typeof ReviseBody>;
export type FundSourceBody = z.input<typeof SourceBody>;
export type FundProject = z.output<typeof ProjectItem>;
export type FundProjectDetail = z.output<typeof ProjectDetail>;
export type FundPayment = z.output<typeof PaymentItem>;
export type FundKpis = z.output<typeof Kpis>;

/** A 万元 figure shown to four decimals, as the allocation is kept (the document prints them shorter). */
export function wan4(s: string): string {
  const [w, f = ''] = s.split('.');
  return `${w}.${f.padEnd(4, '0')}`;
}

/** A 万元 figure in 1/10000 万元 (whole 元), exactly, for ties. */
export function wanUnits(s: string): number {
  const [w, f = ''] = s.split('.');
  return Number(w) * 10_000 + Number(f.padEnd(4, '0'));
}
export const unitsToWan = (n: number) => wan4(`${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`);
