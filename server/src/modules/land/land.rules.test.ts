import { describe, expect, it } from 'vitest';
import { bbox, boundaryProblem, polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import {
  HOUSING_CODES, METHOD_CODES, PLAN_2022, STEPS, SUB_USES, USE_CODES, areaAgrees, capBreach, filingBody, hectaresToSqm, housingShareBasisPoints, isIdle, meetsHousingShare, methodRefusal,
  openSaleReason, sqmToHectares,
} from './land.rules.js';

// The printed figures of 交政发〔2022〕2号 二、, as the text writes them.
const PRINTED = { total: '45.3272', commercial: '2.2451', industrial: '23.3596', residential: '16.7181', public: '3.0044' };
const none = { commercial: 0, industrial: 0, residential: 0, public: 0 };

describe('国有建设用地供应计划 rules (交政发〔2022〕2号)', () => {
  it('holds the printed caps exactly, and the four uses add up to the total', () => {
    expect(sqmToHectares(PLAN_2022.totalSqm)).toBe(PRINTED.total);
    for (const u of USE_CODES) expect(sqmToHectares(PLAN_2022.caps[u])).toBe(PRINTED[u]);
    // 2.2451 + 23.3596 + 16.7181 + 3.0044 = 45.3272
    expect(USE_CODES.reduce((a, u) => a + hectaresToSqm(PRINTED[u]), 0)).toBe(hectaresToSqm(PRINTED.total));
  });

  it('reads 公顷 to four decimals as whole 平方米 and refuses more digits', () => {
    expect(hectaresToSqm('45.3272')).toBe(453_272);
    expect(hectaresToSqm('0.5')).toBe(5_000);
    expect(hectaresToSqm('3')).toBe(30_000);
    expect(hectaresToSqm('0.0001')).toBe(1);
    expect(hectaresToSqm('1.23456')).toBeNaN();
    expect(hectaresToSqm('-1')).toBeNaN();
    expect(hectaresToSqm('1e3')).toBeNaN();
    expect(sqmToHectares(7)).toBe('0.0007');
  });

  it('refuses a parcel past its use’s cap or past the total, to the 平方米', () => {
    expect(capBreach(PLAN_2022, none, 'commercial', hectaresToSqm('2.2451'))).toBeNull();
    expect(capBreach(PLAN_2022, none, 'commercial', hectaresToSqm('2.2452'))).toEqual({ cap: 'use', limitSqm: 22_451, leftSqm: 22_451 });
    const used = { commercial: 0, industrial: hectaresToSqm('23.3596'), residential: hectaresToSqm('16.7181'), public: hectaresToSqm('3.0044') };
    expect(capBreach(PLAN_2022, used, 'commercial', hectaresToSqm('2.2451'))).toBeNull();
    // A plan whose total is tighter than its uses: the total binds.
    const tight = { totalSqm: hectaresToSqm('44.0000'), caps: PLAN_2022.caps };
    expect(capBreach(tight, used, 'commercial', hectaresToSqm('2.2451'))).toEqual({ cap: 'total', limitSqm: 440_000, leftSqm: 440_000 - 430_821 });
  });

  it('counts 保障性安居工程 and 中小套型 land to 70 % of housing land, 70 % itself included', () => {
    expect(meetsHousingShare(0, 0)).toBe(true);
    expect(meetsHousingShare(hectaresToSqm('7.0000'), hectaresToSqm('10.0000'))).toBe(true);
    expect(meetsHousingShare(hectaresToSqm('6.9999'), hectaresToSqm('10.0000'))).toBe(false);
    // 70 % of the printed 16.7181 公顷 is 11.70267: 11.7027 reaches it, 11.7026 does not.
    expect(meetsHousingShare(hectaresToSqm('11.7027'), hectaresToSqm('16.7181'))).toBe(true);
    expect(meetsHousingShare(hectaresToSqm('11.7026'), hectaresToSqm('16.7181'))).toBe(false);
    expect(housingShareBasisPoints(7, 10)).toBe(7000);
    expect(housingShareBasisPoints(0, 0)).toBeNull();
  });

  it('requires 招标、拍卖或者挂牌 for 商业、旅游、娱乐、商品住宅、工业 land and for two intending users', () => {
    expect(openSaleReason({ use: 'commercial', subUse: 'tourism', intendingUsers: 1 })).toBe('商服用地属经营性用地');
    expect(openSaleReason({ use: 'industrial', subUse: 'industry', intendingUsers: 1 })).toBe('工业用地');
    expect(openSaleReason({ use: 'residential', housingType: 'small', intendingUsers: 1 })).toBe('商品住宅用地');
    expect(openSaleReason({ use: 'residential', housingType: 'affordable', intendingUsers: 1 })).toBeNull();
    expect(openSaleReason({ use: 'public', intendingUsers: 1 })).toBeNull();
    expect(openSaleReason({ use: 'public', intendingUsers: 2 })).toBe('同一宗地有2个意向用地者');
    const refusal = methodRefusal({ use: 'commercial', subUse: 'business', intendingUsers: 1, method: 'agreement' })!;
    expect(refusal).toContain('不得以协议方式供应');
    expect(refusal).toContain('交政发〔2022〕2号');
    expect(refusal).toContain('严格按招标、拍卖或者挂牌方式公开出让');
    expect(methodRefusal({ use: 'commercial', subUse: 'business', intendingUsers: 1, method: 'listing' })).toBeNull();
    expect(methodRefusal({ use: 'public', intendingUsers: 1, method: 'allocation' })).toBeNull();
    expect(methodRefusal({ use: 'public', intendingUsers: 3, method: 'allocation' })).toContain('不得以划拨方式供应');
  });

  it('sends filings inside the 开发区 to its 管委会 and outside it to the original department (交政函〔2022〕8号)', () => {
    expect(filingBody('交城经济开发区').code).toBe('JC-KFQ');
    expect(filingBody('天宁镇').code).toBe('JC-ZJJ');
    expect(filingBody('天宁镇').basis).toContain('开发区外由原主管部门负责');
  });

  it('names the five methods, the housing types, the sub-uses of the trigger and the parcel steps', () => {
    expect(METHOD_CODES).toEqual(['tender', 'auction', 'listing', 'agreement', 'allocation']);
    expect(HOUSING_CODES).toEqual(['affordable', 'small', 'other']);
    expect(SUB_USES.commercial.map((s) => s.name)).toEqual(['商业', '旅游', '娱乐', '商务金融']);
    expect(STEPS.map((s) => s.name)).toEqual(['计划', '公布', '出让公告', '成交', '供应']);
  });

  it('flags 闲置 once the agreed start passes with no start recorded', () => {
    expect(isIdle({ agreedStart: '2022-09-01', startedOn: null }, '2022-09-01')).toBe(false);
    expect(isIdle({ agreedStart: '2022-09-01', startedOn: null }, '2022-09-02')).toBe(true);
    expect(isIdle({ agreedStart: '2022-09-01', startedOn: '2022-08-30' }, '2022-12-01')).toBe(false);
    expect(isIdle({ agreedStart: null, startedOn: null }, '2022-12-01')).toBe(false);
  });
});

describe('parcel boundaries', () => {
  // A 0.001° square by 县城 (112.156, 37.552): 0.001° of latitude is about 111.3 m, of longitude about 88.2 m there.
  const square: PolygonGeometry = { type: 'Polygon', coordinates: [[[112.156, 37.552], [112.157, 37.552], [112.157, 37.553], [112.156, 37.553], [112.156, 37.552]]] };

  it('computes the area in 平方米 and checks it against the declared one within 1 % or 10 平方米', () => {
    const a = polygonAreaSqm(square);
    expect(a).toBeGreaterThan(9_700);
    expect(a).toBeLessThan(9_900);
    expect(areaAgrees(a, a + 10)).toBe(true);
    expect(areaAgrees(10_000, 10_100)).toBe(true);
    expect(areaAgrees(10_000, 10_101)).toBe(false);
    expect(bbox(square)).toEqual({ minLng: 112.156, minLat: 37.552, maxLng: 112.157, maxLat: 37.553 });
  });

  it('refuses an open ring, a non-polygon, and a boundary outside the county', () => {
    expect(boundaryProblem(square)).toBeNull();
    expect(boundaryProblem({ type: 'Point', coordinates: [112.156, 37.552] })).toContain('Polygon');
    expect(boundaryProblem({ type: 'Polygon', coordinates: [square.coordinates[0]!.slice(0, 3)] })).toContain('4 个点');
    expect(boundaryProblem({ type: 'Polygon', coordinates: [[[112.156, 37.552], [112.157, 37.552], [112.157, 37.553], [112.156, 37.553], [112.1565, 37.552]]] })).toContain('闭合');
    expect(boundaryProblem({ type: 'Polygon', coordinates: [[[116.39, 39.9], [116.40, 39.9], [116.40, 39.91], [116.39, 39.9]]] })).toContain('境内');
  });
});
