import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { requestContext } from './request-context.middleware.js';

describe('request log', () => {
  it('logs the path of a request, never its query string (search terms, tokens, _csrf)', () => {
    const lines: string[] = [];
    const logger = pino(new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const res = Object.assign(new EventEmitter(), { statusCode: 303, setHeader: () => undefined }) as unknown as ServerResponse;
    const req = { headers: {}, method: 'POST', url: '/reset-password?token=secret-token&_csrf=csrf-value' } as unknown as IncomingMessage;
    requestContext(logger)(req, res);
    res.emit('finish');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: 'POST', path: '/reset-password', status: 303 });
    expect(lines[0]).not.toContain('secret-token');
    expect(lines[0]).not.toContain('csrf-value');
  });
});
