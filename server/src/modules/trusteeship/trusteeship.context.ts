/** What every part of 农业生产托管 shares: the repository, the clock, the centre as a body, the season's price table. */
import { scopeOf, type Access, type Scope } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { UnitOfWork } from '../../core/db.js';
import { conflict, forbidden, invalid } from '../../core/errors.js';
import type { DirectoryService } from '../directory/index.js';
import { CENTRE_PARTIES, CENTRE_REFUSAL } from './orgs.flow.js';
import type { TrusteeshipRepository } from './trusteeship.repository.js';
import { MU_SCALE, SOURCE, STAGES_2022 } from './trusteeship.rules.js';

export interface StageRate {
  code: string;
  name: string;
  priceFen: number;
  subsidyFen: number;
  perPass: boolean;
}

/** Hundredths of a 亩 as shown: two decimals. */
export const mu = (centi: number) => (centi / MU_SCALE).toFixed(2);

/** An area as typed or shown (「12.50」 亩, at most two decimals) in hundredths of a 亩: `mu` read back. */
export const centi = (areaMu: string) => Math.round(Number(areaMu) * MU_SCALE);

export class TrusteeshipContext {
  /** Each season's table once read (tables are entered once per season and never change). */
  private readonly tables = new Map<number, { document: string; stages: StageRate[] }>();

  constructor(
    readonly repo: TrusteeshipRepository,
    readonly directory: DirectoryService,
    readonly access: Access,
    readonly uow: UnitOfWork,
    readonly today: () => string,
    readonly now: () => string,
  ) {}

  /** Whether the actor acts for the centre (its officials, by the centre's directory code; the county administrator). */
  async isCentre(actor: Actor): Promise<boolean> {
    return !!(await this.access.which(actor, CENTRE_PARTIES, {}));
  }

  async requireCentre(actor: Actor): Promise<void> {
    if (!(await this.isCentre(actor))) throw forbidden(CENTRE_REFUSAL);
  }

  /** The centre's directory id (its notices are published in its name). */
  async centreId(): Promise<number> {
    const id = await this.access.bodyId('centre');
    if (id === null) throw conflict('组织机构目录中没有县现代农业发展服务中心（JC-XDNY），不能以其名义公示');
    return id;
  }

  /** What part of the programme the actor reads: the centre the whole county, everyone else by their place. */
  async scope(actor: Actor): Promise<Scope> {
    return (await this.isCentre(actor)) ? { kind: 'county' } : scopeOf(actor);
  }

  /** A season's price and subsidy table: the office's entry for that season, or for 2022 the gazette's own. */
  async ratesFor(season: number): Promise<{ season: number; document: string; stages: StageRate[] }> {
    let t = this.tables.get(season);
    if (!t) {
      const row = await this.repo.rates(season);
      if (row) t = { document: row.document, stages: JSON.parse(row.stages) as StageRate[] };
      else if (season === 2022) t = { document: SOURCE, stages: STAGES_2022.map((s) => ({ ...s })) };
      else throw conflict(`尚未录入 ${season} 年的服务价格与补助标准（县现代农业发展服务中心按当年文件录入）`);
      this.tables.set(season, t);
    }
    return { season, ...t };
  }

  /** One stage of a season whose table is loaded (ratesFor first). */
  stage(season: number, code: string): StageRate {
    const s = this.tables.get(season)?.stages.find((x) => x.code === code);
    if (!s) throw invalid(`${season} 年补助标准中没有环节 ${code}`, [{ field: 'stage', message: '未知环节' }]);
    return s;
  }
}
