import { describe, expect, it } from 'vitest';
import { NoticeBody } from './notices/notices.routes.js';
import { SurveyBody } from './toilets/toilets.routes.js';
import { ContractBody, OrgApplication } from './trusteeship/trusteeship.routes.js';
import { MerchantApplication } from './vouchers/vouchers.schema.js';

// A name typed with a direction override shows reversed in every sheet, print and Excel: each module's name fields
// take core/schema's nameText, which stores it without control or direction characters.
const ODD = '\u202E张三\u2066\u200F\u0007';

describe('name fields', () => {
  it.each([
    ['toilets 户主', SurveyBody, 'headName'],
    ['vouchers 商户名称', MerchantApplication, 'name'],
    ['notices 标题', NoticeBody, 'subject'],
    ['trusteeship 服务组织', OrgApplication, 'name'],
    ['trusteeship 农户', ContractBody, 'farmerName'],
    ['trusteeship 地块', ContractBody, 'location'],
  ] as const)('%s is stored without control or direction characters', (_, schema, field) => {
    const shape = (schema as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> }).shape;
    expect(shape[field].safeParse(ODD)).toEqual({ success: true, data: '张三' });
    expect(shape[field].safeParse('\u202E\u0007').success).toBe(false);
  });
});
