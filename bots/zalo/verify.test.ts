import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../shared/connector.ts';
import { AuthError } from '../shared/errors.ts';
import { isRegistrationProbe, signedTimestamp, verifyZaloSignature, zaloMac } from './verify.ts';

const APP_ID = '360846524940903967';
const OA_KEY = 'oa-secret-key-test';
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/zalo/${name}`, import.meta.url));
const req = (rawBody: Buffer, headers: Record<string, string> = {}): WebhookRequest => ({
  headers,
  query: {},
  rawBody,
});
/** Independent restatement of the formula: sha256 over the UTF-8 string concatenation. */
const mac = (body: Buffer, ts: string) =>
  createHash('sha256')
    .update(`${APP_ID}${body.toString('utf8')}${ts}${OA_KEY}`, 'utf8')
    .digest('hex');

describe('zaloMac', () => {
  it('is plain SHA-256 of appId + raw body + timestamp + OA secret key', () => {
    const body = fixture('user-send-text.json');
    expect(zaloMac(APP_ID, body, '1764403200456', OA_KEY)).toBe(mac(body, '1764403200456'));
    expect(zaloMac('1', Buffer.from('{}'), '2', 'k')).toBe(
      'de8e4e4cd3996baf4a4549475ad3ebf35118b2bcef3fbe9dc44903244f01e17e',
    );
  });
});

describe('verifyZaloSignature', () => {
  it('accepts Vietnamese and emoji signed with the body timestamp and a mac= prefix', () => {
    const body = fixture('user-send-text.json');
    expect(signedTimestamp(req(body))).toBe('1764403200456');
    expect(() =>
      verifyZaloSignature(
        req(body, { 'x-zevent-signature': `mac=${mac(body, '1764403200456')}` }),
        APP_ID,
        OA_KEY,
      ),
    ).not.toThrow();
    expect(() =>
      verifyZaloSignature(req(body, { 'x-zevent-signature': mac(body, '1764403200456') }), APP_ID, OA_KEY),
    ).not.toThrow();
  });

  it('prefers the X-ZEvent-Timestamp header over the body field', () => {
    const body = fixture('follow.json');
    const headers = {
      'x-zevent-timestamp': '1764403999000',
      'x-zevent-signature': `mac=${mac(body, '1764403999000')}`,
    };
    expect(() => verifyZaloSignature(req(body, headers), APP_ID, OA_KEY)).not.toThrow();
    const bodyTs = {
      'x-zevent-timestamp': '1764403999000',
      'x-zevent-signature': `mac=${mac(body, '1764403140456')}`,
    };
    expect(() => verifyZaloSignature(req(body, bodyTs), APP_ID, OA_KEY)).toThrow(AuthError);
  });

  it('rejects the wrong key, the App Secret instead of the OA key, a changed byte, no header', () => {
    const body = fixture('user-send-text.json');
    const wrong = createHash('sha256')
      .update(`${APP_ID}${body.toString('utf8')}1764403200456other`)
      .digest('hex');
    expect(() =>
      verifyZaloSignature(req(body, { 'x-zevent-signature': `mac=${wrong}` }), APP_ID, OA_KEY),
    ).toThrow(AuthError);
    const tampered = Buffer.from(body.toString('utf8').replace('mức 2', 'mức 1'));
    expect(() =>
      verifyZaloSignature(
        req(tampered, { 'x-zevent-signature': `mac=${mac(body, '1764403200456')}` }),
        APP_ID,
        OA_KEY,
      ),
    ).toThrow(AuthError);
    expect(() => verifyZaloSignature(req(body), APP_ID, OA_KEY)).toThrow(AuthError);
    expect(() => verifyZaloSignature(req(body, { 'x-zevent-signature': 'mac=abc' }), APP_ID, OA_KEY)).toThrow(
      AuthError,
    );
  });

  it('lets only the unsigned empty-object registration probe through unsigned', () => {
    const probe = fixture('registration-probe.json');
    expect(isRegistrationProbe(req(probe))).toBe(true);
    expect(() => verifyZaloSignature(req(probe), APP_ID, OA_KEY)).not.toThrow();
    expect(() => verifyZaloSignature(req(Buffer.from('{"event_name":"follow"}')), APP_ID, OA_KEY)).toThrow(
      AuthError,
    );
    expect(() => verifyZaloSignature(req(probe, { 'x-zevent-signature': 'mac=00' }), APP_ID, OA_KEY)).toThrow(
      AuthError,
    );
  });

  it('verifies a signed malformed body with an empty timestamp so the route can answer 400', () => {
    const body = Buffer.from('{"event_name": ');
    expect(() =>
      verifyZaloSignature(req(body, { 'x-zevent-signature': `mac=${mac(body, '')}` }), APP_ID, OA_KEY),
    ).not.toThrow();
  });
});
