export { CurationModule } from './curation.module.js';
export { CurationHttpModule } from './curation-http.module.js';
export { CuratorScope } from './curator-scope.service.js';
export { FeaturedService, type FeaturedView, type FeaturedCollection } from './featured.service.js';
export { GRADES, KURASI_CRITERIA, gradeOf, type Grade, type KurasiScores } from './kurasi-grade.js';
