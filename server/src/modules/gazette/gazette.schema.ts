/** Request schemas of the gazette routes (one zod schema per route group). */
import { z } from 'zod';
import { Paging, isoDate } from '../../core/schema.js';
import { DOCUMENT_TYPES } from './gazette.elements.js';


export const DocumentFilters = z.object({
  issuer: z.string().trim().min(1).max(60).optional(),
  type: z.enum(DOCUMENT_TYPES, { message: `文种应为：${DOCUMENT_TYPES.join('、')}` }).optional(),
  series: z.string().trim().min(1).max(12).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
}).extend(Paging.shape);

export const ListQuery = DocumentFilters.extend({
  sort: z.enum(['date_desc', 'date_asc', 'number']).default('date_desc'),
});

export const SearchQueryString = DocumentFilters.extend({
  q: z.string().trim().min(1, '请输入检索词').max(100, '检索词不能超过 100 个字符'),
});

export const DocumentParams = z.object({
  id: z.string().trim().min(1).max(40),
});

export const ImportQuery = z.object({
  fileName: z.string().trim().min(1).max(200).default('upload.txt'),
  /** The administrator confirms that stored documents may be replaced by shorter texts (the old ones are kept as versions). */
  confirmShorter: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

// ------------------------------------------------------------------ responses

const int = z.number().int();

/** A numbered section of the 正文 (一、（一）1.（1）), with its own sections. */
const MemberListSchema = z.object({ at: int, rows: z.array(z.object({ role: z.string(), name: z.string(), post: z.string() })) });
export const SectionSchema: z.ZodType<import('./gazette.outline.js').Section> = z.lazy(() =>
  z.object({
    number: z.string(),
    marker: z.string(),
    level: int,
    heading: z.string(),
    paragraphs: z.array(z.string()),
    text: z.string(),
    members: z.array(MemberListSchema),
    children: z.array(SectionSchema),
    closing: z.array(z.string()),
  }),
);
export const BodySchema = z.object({ paragraphs: z.array(z.string()), members: z.array(MemberListSchema), sections: z.array(SectionSchema), closing: z.array(z.string()) });
export const AttachmentSchema = z.object({ index: int.nullable(), title: z.string(), onlineOnly: z.boolean(), part: int.nullable(), content: BodySchema.nullable() });

export const DocumentSummarySchema = z.object({
  id: int,
  docNumber: z.string(),
  series: z.string(),
  year: int,
  serial: int,
  issuer: z.string(),
  title: z.string(),
  type: z.string(),
  addressees: z.array(z.string()),
  date: z.string().nullable(),
  publicity: z.string().nullable(),
});
const Snippet = z.array(z.object({ text: z.string(), hit: z.boolean() }));
const Linked = z.object({ docNumber: z.string().nullable(), title: z.string().nullable(), document: z.object({ id: int, title: z.string() }).nullable(), part: int.nullable() });
const Citing = z.object({ id: int, docNumber: z.string(), title: z.string() });

export const DocumentList = z.object({ items: z.array(DocumentSummarySchema), total: int, page: int, pageSize: int });
export const DocumentDetailSchema = DocumentSummarySchema.extend({
  note: z.string().nullable(),
  docNumberInfo: z.object({ raw: z.string(), normalized: z.string(), agencyCode: z.string(), year: int, serial: int, valid: z.boolean(), problems: z.array(z.string()) }),
  body: BodySchema,
  parts: z.array(z.object({ title: z.string(), body: BodySchema, attachments: z.array(AttachmentSchema) })),
  attachments: z.array(AttachmentSchema),
  /** Standards and regulations the text cites. */
  rules: z.array(z.object({ kind: z.enum(['standard', 'regulation']), code: z.string(), title: z.string().nullable() })),
  warnings: z.array(z.string()),
  text: z.string(),
  relations: z.object({ cites: z.array(Linked), repliesTo: Linked.nullable(), citedBy: z.array(Citing), answeredBy: z.array(Citing) }),
});
const Facet = z.array(z.object({ value: z.string(), count: int }));
export const FacetsSchema = z.object({ issuer: Facet, doc_type: Facet, agency_code: Facet, year: Facet });
export const SearchAnswer = z.object({
  items: z.array(DocumentSummarySchema.extend({ titleHighlight: Snippet, snippet: Snippet })),
  total: int,
  /** More documents match than are counted (COUNT_CAP); total is then the cap. */
  more: z.boolean(),
  mode: z.string(),
  docNumber: z.string().nullable(),
  page: int,
  pageSize: int,
  q: z.string(),
});
export const DocumentVersion = z.object({
  id: int,
  title: z.string(),
  date: z.string().nullable(),
  length: int,
  text: z.string(),
  replacedAt: z.string(),
  replacedBy: z.string(),
  importId: int.nullable(),
});
export const ImportRecord = z.object({ id: int, file_name: z.string(), sha256: z.string(), byte_size: int, documents: int, imported_by: z.string(), imported_at: z.string() });
export const ImportResultSchema = z.object({
  importId: int.nullable(),
  unchanged: z.boolean(),
  documents: int,
  created: z.array(z.string()),
  updated: z.array(z.string()),
  skipped: z.array(z.string()),
  warnings: z.array(z.string()),
});
