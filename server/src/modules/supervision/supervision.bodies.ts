/**
 * Bodies the gazette assigns work to that no other module needed: declared with `add`, so the directory holds them
 * and the extractor resolves them (people's organisations and party offices are marked so in their note).
 */
import type { BodyDeclaration } from '../../core/access.js';

const party = '党委部门';
const people = '人民团体';
const org = (code: string, name: string, shortNames: string[], note: string, kind: 'department' | 'body' = 'department'): BodyDeclaration => ({ code, name, add: { kind, shortNames, note } });

/** Keyed by code; the names and short forms are the gazette's (交政发〔2022〕7号 二、, 交政办函〔2022〕19号, …). */
export const ASSIGNED_BODIES: Readonly<Record<string, BodyDeclaration>> = {
  union: org('JC-ZGH', '县总工会', ['交城县总工会'], `${people}（交政发〔2022〕7号、交政办发〔2022〕15号）`),
  disabled: org('JC-CL', '县残疾人联合会', ['县残联'], `${people}（交政发〔2022〕7号）`),
  civility: org('JC-WMB', '县精神文明建设委员会办公室', ['县文明办'], `${party}（交政发〔2022〕7号）`),
  united: org('JC-TZB', '中共交城县委统战部', ['县委统战部'], `${party}（交政发〔2022〕7号）`),
  foreign: org('JC-WSB', '县外事办公室', ['县外事办'], '交政发〔2022〕7号'),
  sports: org('JC-TYZH', '县体育总会', [], `${people}（交政发〔2022〕7号）`, 'body'),
  elders: org('JC-LNTX', '县老年人体育协会', [], `${people}（交政发〔2022〕7号）`, 'body'),
  forestry: org('JC-LYJ', '县林业局', [], '交政办函〔2022〕18号'),
  flood: org('JC-FXB', '县防汛抗旱指挥部办公室', ['县防汛办'], '交政办函〔2022〕19号'),
  traffic: org('JC-JJDD', '县公安局交通警察大队', ['交警大队', '县交警大队'], '交政办函〔2022〕12号'),
  reform: org('JC-QYGZ', '县企业改制服务中心', ['企业改制服务中心'], '交政办发〔2022〕11号'),
  toiletsGroup: org('JC-GCLDXZ', '县农村改厕工作领导小组', [], '议事协调机构（交政办发〔2022〕10号）', 'body'),
  cityAgri: org('JC-SXDNY', '吕梁市现代农业发展服务中心', ['市现代农业发展服务中心'], '交政办发〔2022〕16号', 'body'),
  shangde: org('JC-SDSW', '山西上德水务有限公司', ['上德水务'], '交政办发〔2022〕6号 碧水 三、（一）3.', 'body'),
  wayao: org('JC-WYHSK', '交城县瓦窑河水库', ['瓦窑河水库'], '交政办函〔2022〕19号', 'body'),
  dongou: org('JC-CYHDG', '磁窑河东沟水库', [], '交政办函〔2022〕19号', 'body'),
  xigou: org('JC-CYHXG', '磁窑河西沟水库', [], '交政办函〔2022〕19号', 'body'),
  water: org('JC-GSGS', '交城县供水公司', ['县供水公司'], '国有独资企业（交政办发〔2022〕12号 二、）', 'body'),
  heating: org('JC-GRGS', '交城县供热公司', ['县供热公司'], '国有独资企业（交政办发〔2022〕12号 二、）', 'body'),
  estate: org('JC-FDCKF', '交城县房地产开发公司', ['县房地产开发公司'], '国有独资企业（交政办发〔2022〕12号 二、）', 'body'),
};
