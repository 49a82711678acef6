/** A settlement statement as it is printed and signed: A4, its lines, the total in figures and in 大写, the four steps. */
import { formatFen } from '../../core/money.js';
import { SOURCE } from './vouchers.rules.js';
import type { SettlementService } from './settlement.service.js';
import { escapeHtml } from '../../core/html.js';

type Statement = ReturnType<SettlementService['statementView']>;


/** The statement as one printable HTML page (the browser prints it or saves it as a PDF). */
export function statementHtml(s: Statement): string {
  const rows = s.items.map((x) => `<tr><td>${escapeHtml(x.day)}</td><td>${escapeHtml(x.merchant)}</td><td class="n">${x.count}</td><td class="n">${formatFen(x.orderFen)}</td><td class="n">${formatFen(x.redeemedFen)}</td></tr>`).join('\n');
  const steps = s.steps.map((st) => `<td>${escapeHtml(st.label)}<br>${st.by ? `${escapeHtml(st.by)}<br>${escapeHtml(st.at!.slice(0, 16).replace('T', ' '))}` : '（未办理）'}</td>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>消费券结算单 ${escapeHtml(s.from)}至${escapeHtml(s.to)}</title>
<style>
@page { size: A4; margin: 25mm 20mm; }
body { font: 12pt/1.6 "SimSun", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; color: #000; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 4mm; }
p.meta { text-align: center; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 2px 6px; }
td.n { text-align: right; }
tfoot td { font-weight: bold; }
table.steps { margin-top: 10mm; }
table.steps td { width: 25%; height: 24mm; vertical-align: top; }
</style></head>
<body>
<h1>“晋情消费·品质生活”政府消费券结算单</h1>
<p class="meta">依据：${escapeHtml(SOURCE)} · 期间：${escapeHtml(s.from)} 至 ${escapeHtml(s.to)} · 编号：${s.id}</p>
<table><thead><tr><th>日期</th><th>商户</th><th>笔数</th><th>订单金额（元）</th><th>核销金额（元）</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="2">合计</td><td class="n">${s.count}</td><td class="n">${formatFen(s.orderFen)}</td><td class="n">${formatFen(s.redeemedFen)}</td></tr>
<tr><td colspan="5">结算金额（大写）：${escapeHtml(s.redeemedUpper)}　（按实际核销金额结算）</td></tr></tfoot></table>
<table class="steps"><tr>${steps}</tr></table>
</body></html>`;
}
