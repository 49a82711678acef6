/**
 * The printed forms: a contestant's 报名表 and a unit's 报名汇总表. The official layouts (附件2、3) are 「见网络版」 and
 * not in the text, so these print the fields the module collects under the forms' names, with a note saying so.
 */
import { escapeHtml as e } from '../../core/html.js';
import { SOURCE } from './skills.rules.js';

interface Row {
  eventName: string;
  name: string;
  partnerName: string | null;
  idNo: string;
  phone: string;
  identityName: string;
  unitName: string;
  coach: string | null;
  statusLabel: string;
  missing: string[];
}

const page = (title: string, body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(title)}</title><style>
@page { size: A4; margin: 18mm 15mm; } body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 11pt; }
h1 { font-size: 16pt; text-align: center; } table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #000; padding: 4px 6px; }
.note { font-size: 9pt; color: #444; margin-top: 12px; } .sign { margin-top: 28px; text-align: right; }
</style></head><body><h1>${e(title)}</h1>${body}<p class="note">依据${SOURCE}；表式以大赛组委会网络版（附件2、3）为准，本表列出报名所填内容。</p></body></html>`;

/** 第三届吕梁市职业技能大赛参赛选手报名表, one registration. */
export function formHtml(r: Row): string {
  const cells: [string, string][] = [
    ['参赛项目', r.eventName],
    ['选手姓名', r.partnerName ? `${r.name}、${r.partnerName}` : r.name],
    ['身份证号', r.idNo],
    ['手机号', r.phone],
    ['身份类别', r.identityName],
    ['所在单位', r.unitName],
    ['指导教练', r.coach ?? ''],
    ['办理状态', r.statusLabel],
  ];
  return page('第三届吕梁市职业技能大赛参赛选手报名表', `<table>${cells.map(([k, v]) => `<tr><th style="width:28%">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table><p class="sign">报名单位（盖章）：　　　　　　　年　　月　　日</p>`);
}

/** 第三届吕梁市职业技能大赛参赛队报名汇总表, a unit's registrations. */
export function summaryHtml(rows: Row[]): string {
  const head = ['序号', '参赛项目', '选手姓名', '身份证号', '手机号', '身份类别', '所在单位', '指导教练'];
  const body = rows.map((r, i) => [String(i + 1), r.eventName, r.partnerName ? `${r.name}、${r.partnerName}` : r.name, r.idNo, r.phone, r.identityName, r.unitName, r.coach ?? ''].map((c) => `<td>${e(c)}</td>`).join(''));
  return page('第三届吕梁市职业技能大赛参赛队报名汇总表', `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${body.map((b) => `<tr>${b}</tr>`).join('')}</table><p class="sign">报名单位（盖章）：　　　　　　　年　　月　　日</p>`);
}
