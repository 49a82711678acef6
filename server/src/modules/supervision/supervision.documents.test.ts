import { describe, expect, it } from 'vitest';
import { pickDocuments } from './supervision.documents.js';

const docs = [
  { docNumber: '交政办发〔2022〕16号', title: '关于印发交城县防汛工作方案的通知', date: '2022-06-20' },
  { docNumber: '交政办发〔2022〕6号', title: '关于印发交城县2022年度大气、水、土壤污染防治行动计划的通知', date: '2022-04-15' },
  { docNumber: '交政发〔2022〕6号', title: '关于印发某方案的通知', date: '2022-03-01' },
  { docNumber: '交政办函〔2022〕19号', title: '关于做好2022年汛期值班工作的通知', date: '2022-06-01' },
];
const numbers = (q: string) => pickDocuments(docs, q).map((d) => d.docNumber);

describe('the document picker', () => {
  it('puts the exact 文号 first and never takes 「6号」 for 16号', () => {
    expect(numbers('交政办发〔2022〕6号')[0]).toBe('交政办发〔2022〕6号');
    expect(numbers('交政办发[2022]6号')[0]).toBe('交政办发〔2022〕6号');
    expect(numbers('6号')).toEqual(['交政办发〔2022〕6号', '交政发〔2022〕6号']);
    expect(numbers('16号')).toEqual(['交政办发〔2022〕16号']);
    expect(numbers('〕6号')).toEqual(['交政办发〔2022〕6号', '交政发〔2022〕6号']);
  });

  it('searches every document by title too, and lists all of them, newest first, when nothing is typed', () => {
    expect(numbers('汛')).toEqual(['交政办发〔2022〕16号', '交政办函〔2022〕19号']);
    expect(numbers('办函')).toEqual(['交政办函〔2022〕19号']);
    expect(numbers('')).toEqual(['交政办发〔2022〕16号', '交政办函〔2022〕19号', '交政办发〔2022〕6号', '交政发〔2022〕6号']);
  });
});
