/**
 * 督查督办: the rules the tracker applies. The gazette assigns the tasks; how a county office chases them is not in
 * its text, so each rule here says where it comes from — the document's own words, or the office's usual practice.
 */

/**
 * 临期: a task is 临期 within this many working days of its deadline (the office's practice for 督办, as the
 * supervision brief asks; the gazette sets no warning period).
 */
// 催办 goes to a unit's workbench from the same day (临期), and a 督办单 once the deadline is past (逾期).
export const DUE_SOON_WORKDAYS = 5;

/**
 * 签收: a unit signs for a task within this many working days of its assignment. The gazette is silent; two working
 * days is what a county office usually allows for 交办件 (inferred), and the office can change it here.
 */
export const SIGN_WITHIN_WORKDAYS = 2;

/**
 * How deadline words become dates. 月底/月末 is the last day of that month; 上旬/中旬/下旬 the 10th, 20th and last day;
 * 年底/年末/年年底 the 31st of December; 季度末 the end of that quarter. A month without a year takes the year last named
 * before it in the clause, else the document's year; 今年 is the document's year.
 * Ambiguous: 「X月前」 (as in 「2022年5月前，开工建设」) is read strictly as 「X月1日之前」, i.e. the last day of the month
 * before — the earlier of the two readings, so a unit is never told it is on time when it may not be; the original
 * words are always shown beside the date.
 * A date the clause sets as a limit of an extension (「最后淘汰期限不能超过2023年年底」) is not the task's deadline.
 */
export const DEADLINE_RULES_TEXT =
  '月底＝当月最后一天；上旬、中旬、下旬＝10日、20日、月末；年底＝12月31日；季度末＝该季度最后一天；未写年份的取本条前文所写年份，否则取发文年份；「X月前」从严理解为X月1日之前（即上月最后一天），并始终与原文并列显示；延期上限（「不能超过……」）不作为完成时限。';

/** Responsibility words in a task's closing parenthesis: who leads and who supports (the gazette's own wording). */
export const LEAD_WORDS = ['按照职责分工负责', '按职责分工负责', '按职责分工牵头', '根据职责分工分别牵头', '按职责分别牵头', '牵头', '负责'] as const;
export const SUPPORT_WORDS = ['配合', '实施'] as const;

/**
 * In 「（责任单位：A、B、C）」 the gazette names no lead; the unit listed first leads and the others support, as a county
 * office reads such a list (inferred). The hand-read list counts every listed unit as a lead, which is where most of
 * the support precision against it goes; the tracker's status, 催办 and scores are built on one lead here.
 */
export const FIRST_LISTED_LEADS = true;

/**
 * Printed forms the directory's short names lack, as the gazette prints them: 「经济开发区管委会」 (交政办发〔2022〕6号),
 * 「纪检监察」 (交政办发〔2022〕11号 四、（一）2.), 「审计部门」 (交政办发〔2022〕8号 六、（二）),
 * 「县政府」「县人民政府」 (the county itself; 「交城县」 alone opens a name such as 「交城县供水公司」, so it is no unit).
 */
export const UNIT_ALIASES: Readonly<Record<string, string>> = {
  经济开发区管委会: '交城经济开发区管理委员会',
  纪检监察: '中共交城县纪律检查委员会',
  审计部门: '县审计局',
  县政府: '交城县',
  县人民政府: '交城县',
};

/**
 * 「所属乡镇政府」「涉及乡镇」「所在乡镇」 in a responsibility clause: the towns the item's own text names
 * (交政办发〔2022〕6号 碧水 三、（二）5.、三、（四）10.).
 */
export const LISTED_TOWNS = /^(?:所属|涉及|所在|相关)乡镇(?:人民政府|政府)?$/;

/** 「各乡镇」「各乡（镇）人民政府」「乡（镇）人民政府」: every township leads by default; the office may take some out. */
export const EVERY_TOWNSHIP = /^各乡(?:（镇）|镇)(?:人民政府|政府)?$|^乡（镇）人民政府$|^各乡$/;

/**
 * 「乡镇、村以及工程监理部门负责…」 (交政办发〔2022〕10号 五、（三）2.), 「向所在乡（镇）申请验收，乡（镇）组织…初验」
 * (交政办发〔2022〕16号 四、（四）1.): a bare 乡镇 as the subject is each township in its own area, so every township
 * leads by default, as for 「各乡镇」 (inferred; the office takes out the ones the task does not reach).
 */
export const BARE_TOWNSHIP = /^(?:乡镇|乡（镇）|乡)$/;

/**
 * 「各相关部门要按照本行动计划明确的职责分工和重点任务…」 (交政办发〔2022〕6号 土壤 三、（一）), 「各单位要强化防汛重点部位…」
 * (交政办函〔2022〕19号 四、), 「由主管单位自行决定」 (交政办发〔2022〕15号 七、): a collective the text leaves unnamed means the
 * units the same plan assigns work to, so they lead by default (inferred, as an office reads 「各相关部门」 in its own
 * plan; the office takes some out when it confirms). A 「部门」 is a department, never a township. A bare 「主管部门」 is
 * not expanded: in 交政办发〔2022〕11号 it is each enterprise's own department, which the plan does not name.
 */
export const COLLECTIVE_WORDS = /(?:各|其他|其它)(?:相关|有关)?(?:部门|单位)|(?:相关|有关)(?:部门|单位)|各?项目(?:主管|实施)(?:单位|部门)|各主管(?:单位|部门)|主管单位|各行业整治牵头部门/;

/**
 * Collectives the document itself lists the members of: 「交城县供水公司、交城县供热公司、交城县房地产开发公司是我县公益性
 * 国有独资企业……可实行公司制改革」 (交政办发〔2022〕12号 二、), so its 「改制企业」 are these three.
 */
export const NAMED_MEMBERS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '交政办发〔2022〕12号': { 改制企业: ['交城县供水公司', '交城县供热公司', '交城县房地产开发公司'] },
};

/**
 * What a unit is told to do when the text names it as a subject (「县农业农村局、县乡村振兴局、县爱卫办牵头」,
 * 「县财政局负责…」, 「各乡镇要…」, 「由你单位牵头」, 「县发改、工信…等部门要全力配合」), as the gazette words it.
 */
export const ACTION_WORDS = ['牵头', '总体负责', '具体负责', '统一负责', '负责', '一定要', '要', '应', '会同', '要全力配合', '全力配合', '配合', '承担', '将', '根据', '按照', '向', '对', '与', '组织'] as const;
/**
 * A unit that 负责, or itself 将/根据/按照/对 does a step (「县财政将……下达至县工信局。县工信局根据……拨付」,
 * 「…服务中心向县财政部门申请…，县财政部门按照…拨付」), holds that step alone.
 */
export const OWN_WORDS = ['将', '根据', '按照', '对'] as const;
export const SUPPORT_ACTION_WORDS = ['要全力配合', '全力配合', '配合'] as const;

/** How a line of a duty list 「单位：…」 opens (交政办发〔2022〕10号 六、（一）, 交政办函〔2022〕12号 四、). */
export const DUTY_WORDS = ['总体负责', '负责', '提供', '承担', '牵头', '配合'] as const;

/** Endings that make a printed name a body (a unit the directory may not hold yet), not a person or a thing. */
export const UNIT_ENDINGS = ['局', '办', '委', '委员会', '镇', '乡', '乡（镇）', '中心', '部', '总会', '工会', '协会', '残联', '大队', '支队', '支行', '农发行', '银行', '公司', '政府', '部门', '单位', '企业', '管委会', '领导小组', '领导组', '工作组', '村', '社区', '服务组织', '水库', '淤地坝', '水利工程', '堤防'] as const;
