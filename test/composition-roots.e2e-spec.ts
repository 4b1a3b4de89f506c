import { describe, expect, it } from '@jest/globals';
import { importsOfWebAppModule } from './support/table-ownership.js';

/** apps/worker and apps/cli compose the modules they need; neither boots the web application module. */
describe('composition roots', () => {
  it.each(['worker', 'cli'])('apps/%s does not import apps/web/src/app.module', (app) => {
    expect(importsOfWebAppModule(app)).toEqual([]);
  });
});
