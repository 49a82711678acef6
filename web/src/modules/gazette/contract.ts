/**
 * What the gazette routes take and answer, inferred from the server's own schemas and types (type-only: nothing of the
 * server is bundled). A field the server renames or drops fails the web's type check instead of a page at run time.
 */
import type { z } from 'zod';
import type { DocumentDetailSchema, DocumentVersion as DocumentVersionSchema, FacetsSchema, SearchAnswer } from '../../../../server/src/modules/gazette/gazette.schema.js';

export type { Body, DocumentSummary, ImportResult, Section, SnippetPiece } from '../../../../server/src/modules/gazette/index.js';

export type DocumentDetail = z.output<typeof DocumentDetailSchema>;
export type LinkedCitation = NonNullable<DocumentDetail['relations']['repliesTo']>;
export type SearchResult = z.output<typeof SearchAnswer>;
export type DocumentVersion = z.output<typeof DocumentVersionSchema>;
export type Facets = z.output<typeof FacetsSchema>;
