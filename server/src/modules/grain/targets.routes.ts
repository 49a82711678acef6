/** 粮食生产及耕地资源利用指导性计划 (交政办函〔2022〕13号): indicator types, targets, imports, townships' reports. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import { IdParams, Items, Xlsx } from '../../core/schema.js';
import { Comparison, ImportSchema, IndicatorBody, IndicatorSchema, ReportBody, ReportSchema, TargetBody, TargetSchema, YearQuery } from './grain.schema.js';
import type { GrainService } from './grain.service.js';
import { IMPORT_COLUMNS } from './targets.service.js';

const tags = ['粮食（粮食生产及耕地资源利用指标）'];
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function targetsRoutes(app: FastifyInstance, opts: { service: GrainService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { targets } = opts.service;
  const read = { config: { permission: 'grain.targets' as const } };
  const office = { config: { permission: 'grain.office' as const } };
  // The targets' table is uploaded as the workbook itself (a few hundred rows at most: 2 MB is ample).
  app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  r.get('/indicators', { ...read, schema: { tags, summary: '指标类型（播种面积、产量、耕地利用）', response: { 200: Items(IndicatorSchema) } } }, async () => ({ items: await targets.indicators() }));
  r.post('/indicators', { ...office, schema: { tags, summary: '添加指标类型（县农业农村局）', body: IndicatorBody, response: { 201: IndicatorSchema } } }, async (req, reply) => {
    reply.code(201);
    return targets.addIndicator(req.actor!, req.body);
  });
  r.get('/targets', { ...read, schema: { tags, summary: '各乡（镇）指导性计划指标（乡镇看本乡镇的）', querystring: YearQuery, response: { 200: Items(TargetSchema) } } }, async (req) => ({ items: await targets.targets(req.actor!, req.query.year) }));
  r.post('/targets', { ...office, schema: { tags, summary: '录入一项指标（依网络版附件）', body: TargetBody, response: { 201: TargetSchema } } }, async (req, reply) => {
    reply.code(201);
    return targets.enterTarget(req.actor!, req.body);
  });
  r.get('/targets.xlsx', { ...read, schema: { tags, summary: '指标任务台账 Excel', querystring: YearQuery, response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(
      reply,
      `${req.query.year}年粮食生产及耕地资源利用指标.xlsx`,
      await toXlsx('指标任务', [
        { header: '乡（镇）', value: (t) => t.township },
        { header: '指标', value: (t) => t.indicator },
        { header: '目标值', value: (t) => t.value },
        { header: '单位', value: (t) => t.unit },
        { header: '性质', value: (t) => t.nature },
        { header: '来源', value: (t) => t.origin },
        { header: '录入人', value: (t) => t.enteredBy },
      ], await targets.targets(req.actor!, req.query.year)),
    ),
  );
  r.get('/targets/template.xlsx', { ...office, schema: { tags, summary: `指标任务导入模板（列：${IMPORT_COLUMNS.join('、')}）`, response: { 200: Xlsx } } }, async (_req, reply) => sendXlsx(reply, '粮食生产及耕地资源利用指标导入模板.xlsx', await targets.template()));
  r.post('/targets/imports', { ...office, schema: { tags, summary: '上传指标任务表：逐行检查，暂存，确认后写入', querystring: YearQuery.extend({ fileName: z.string().trim().min(1).max(120).default('指标任务表.xlsx') }), response: { 201: ImportSchema } } }, async (req, reply) => {
    reply.code(201);
    return targets.importCheck(req.actor!, req.query.year, req.query.fileName, req.body as Buffer);
  });
  r.get('/targets/imports/:id/errors.xlsx', { ...office, schema: { tags, summary: '未通过检查的行及原因 Excel', params: IdParams, response: { 200: Xlsx } } }, async (req, reply) => sendXlsx(reply, '指标任务表错误行.xlsx', await targets.errorSheet(req.actor!, req.params.id)));
  r.post('/targets/imports/:id/commit', { ...office, schema: { tags, summary: '写入检查通过的指标任务表（有错误行时不写入）', params: IdParams, response: { 200: ImportSchema } } }, async (req) => targets.commit(req.actor!, req.params.id));
  r.post('/targets/imports/:id/discard', { ...office, schema: { tags, summary: '放弃本次导入', params: IdParams, response: { 200: ImportSchema } } }, async (req) => targets.discard(req.actor!, req.params.id));
  r.get('/reports', { ...read, schema: { tags, summary: '各乡（镇）进度填报', querystring: YearQuery, response: { 200: Items(ReportSchema) } } }, async (req) => ({ items: await targets.reports(req.actor!, req.query.year) }));
  r.post('/reports', { config: { permission: 'grain.report' }, schema: { tags, summary: '乡（镇）按时段填报进度（同一时段再报即更正）', body: ReportBody, response: { 201: ReportSchema } } }, async (req, reply) => {
    reply.code(201);
    return targets.report(req.actor!, req.body);
  });
  r.get('/reports.xlsx', { ...read, schema: { tags, summary: '进度填报台账 Excel', querystring: YearQuery, response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(
      reply,
      `${req.query.year}年粮食生产进度填报.xlsx`,
      await toXlsx('进度填报', [
        { header: '乡（镇）', value: (t) => t.township },
        { header: '指标', value: (t) => t.indicator },
        { header: '时段', value: (t) => t.season },
        { header: '数值', value: (t) => t.value },
        { header: '单位', value: (t) => t.unit },
        { header: '说明', value: (t) => t.note },
        { header: '填报人', value: (t) => t.reportedBy },
        { header: '填报时间', value: (t) => t.reportedAt },
      ], await targets.reports(req.actor!, req.query.year)),
    ),
  );
  r.get('/targets/comparison', { ...read, schema: { tags, summary: '目标与填报对比（指导性计划）', querystring: YearQuery, response: { 200: Comparison } } }, async (req) => targets.comparison(req.query.year, req.actor!.role === 'township_official' ? (req.actor!.unitId ?? -1) : undefined));
}
