/** The accounts a demo install starts with, and what each should try first (README and the start banner say the same). */
import type { Role } from '../../core/auth.js';

/** What each fixed demo account tries first (README and the start banner say the same). */
export const DEMO_TRY_FIRST: Readonly<Record<string, string>> = {
  admin: '督办任务：复核已报办结的任务、审批延期；从公文抽取任务并交办',
  gongxin: '消费券看板：审核第五轮的结算单；督办任务：签收交办的任务',
  gongan: '消费券看板：反作弊线索',
  caizheng: '消费券看板：已结算的第一轮结算单（大写）',
  jianhang: '消费券看板：报送 7 月 11 日的结算单',
  nongye: '改厕项目：抽查验收与拨付',
  nongfu: '托管服务：会审推荐的服务组织',
  tianning: '我的待办；改厕项目：确定改厕户',
  xiying: '改厕项目：公示与五方验收；托管服务：核查农户的异议',
  cunwei: '改厕项目：摸底登记与周报（手机）',
  fuwu: '托管服务：已结算的作业与补助（结算单大写）',
  shanghu: '收银核销：扫码核销',
  jumin: '我的 → 领券：领取第五轮消费券并出示付款码',
  shenji: '审计日志：校验哈希链',
};

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  unit: string | null;
  /** What to try first with it (printed on start beside the account). */
  tryFirst?: string;
}

/** The fixed demo accounts, one per role and the voucher bureaus; `village`: the 天宁镇 village `cunwei` works for. */
export function demoPlan(password: string, village: string | null): DemoAccount[] {
  return [
    { username: 'admin', role: 'county_admin', displayName: '县级管理员', unit: '交城县', password },
    { username: 'gongxin', role: 'department_official', displayName: '县工信局经办人', unit: '县工业和信息化局', password },
    { username: 'gongan', role: 'department_official', displayName: '县公安局经办人', unit: '县公安局', password },
    { username: 'caizheng', role: 'department_official', displayName: '县财政局经办人', unit: '县财政局', password },
    { username: 'jianhang', role: 'department_official', displayName: '建行交城支行（消费券平台）', unit: '中国建设银行股份有限公司交城支行', password },
    { username: 'nongye', role: 'department_official', displayName: '县农业农村局经办人', unit: '县农业农村局', password },
    { username: 'nongfu', role: 'department_official', displayName: '县现代农业发展服务中心经办人', unit: '县现代农业发展服务中心', password },
    { username: 'tianning', role: 'township_official', displayName: '天宁镇经办人', unit: '天宁镇', password },
    { username: 'xiying', role: 'township_official', displayName: '西营镇经办人', unit: '西营镇', password },
    { username: 'cunwei', role: 'village_committee', displayName: `${village ?? '村委会'}经办人`, unit: village, password },
    { username: 'fuwu', role: 'service_org', displayName: '农业服务组织', unit: null, password },
    { username: 'shanghu', role: 'merchant', displayName: '示范商户', unit: null, password },
    { username: 'jumin', role: 'resident', displayName: '居民张三', unit: null, password },
    { username: 'shenji', role: 'auditor', displayName: '审计人员', unit: null, password },
  ];
}
