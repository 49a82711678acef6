/** The gazette module (政府公报/公文库): its only public surface. */
import { fileURLToPath } from 'node:url';
import type { Db } from '../../core/db.js';
import { GazetteRepository } from './gazette.repository.js';
import { GazetteService } from './gazette.service.js';

export { gazetteRoutes, type GazetteRouteOptions } from './gazette.routes.js';
export { parseGazette, DOCUMENT_TYPES, type ParsedDocument, type ParseResult, type Attachment, type Body, type Section } from './gazette.parser.js';
export { parseDocNumber, normalizeDocNumber } from './gazette.docnumber.js';
export { GazetteService, type ImportResult, type DocumentSummary, type SnippetPiece } from './gazette.service.js';

/** The 2022 gazette shipped as demo data. */
export const GAZETTE_FIXTURE = fileURLToPath(new URL('../../../fixtures/jiaocheng-gazette-2022.txt', import.meta.url));

/** Wire the module to a database. */
export function createGazette(db: Db): { service: GazetteService; repository: GazetteRepository } {
  const repository = new GazetteRepository(db);
  return { repository, service: new GazetteService(repository) };
}
