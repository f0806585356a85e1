import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { APP_CSP_DIRECTIVES, registerSecurityHeaders } from './security-headers.js';

const withoutVolatile = (headers: Record<string, unknown>) => {
  const { date: _date, ...rest } = headers;
  return rest;
};

describe('registerSecurityHeaders', () => {
  it('sends exactly the headers @fastify/helmet sends with the same options', async () => {
    const ours = Fastify();
    await registerSecurityHeaders(ours);
    const theirs = Fastify();
    await theirs.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: APP_CSP_DIRECTIVES },
      strictTransportSecurity: false,
    });
    for (const app of [ours, theirs]) app.get('/x', () => ({ ok: true }));
    const [a, b] = await Promise.all([ours.inject('/x'), theirs.inject('/x')]);
    expect(withoutVolatile(a.headers)).toEqual(withoutVolatile(b.headers));
    expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
    await Promise.all([ours.close(), theirs.close()]);
  });
});
