import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../shared/errors.ts';
import { facebookHandshake, verifyFacebookSignature } from './verify.ts';

const SECRET = 'fb-app-secret-test';
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/facebook/${name}`, import.meta.url));
const sign = (body: Buffer | string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifyFacebookSignature', () => {
  it('accepts Vietnamese text and emoji signed over the escaped bytes Meta sends', () => {
    const raw = fixture('messenger-text.json');
    expect(raw.toString('latin1')).toContain('\\u0111\\u0103ng'); // "đăng", escaped as on the wire
    expect(() => verifyFacebookSignature(raw, sign(raw), SECRET)).not.toThrow();
    expect(() =>
      verifyFacebookSignature(raw, sign(raw).toUpperCase().replace('SHA256=', 'sha256='), SECRET),
    ).not.toThrow();
  });

  it('rejects a signature over the re-serialised body (the unicode trap)', () => {
    const raw = fixture('messenger-text.json');
    const reserialised = JSON.stringify(JSON.parse(raw.toString('utf8')));
    expect(reserialised).not.toBe(raw.toString('utf8'));
    expect(() => verifyFacebookSignature(raw, sign(reserialised), SECRET)).toThrow(AuthError);
  });

  it('rejects a wrong secret, a changed byte, a missing or malformed header', () => {
    const raw = fixture('feed-comment-add.json');
    expect(() => verifyFacebookSignature(raw, sign(raw, 'other-secret'), SECRET)).toThrow(AuthError);
    const tampered = Buffer.from(raw);
    tampered[tampered.length - 3] = 0x20;
    expect(() => verifyFacebookSignature(tampered, sign(raw), SECRET)).toThrow(AuthError);
    expect(() => verifyFacebookSignature(raw, undefined, SECRET)).toThrow(AuthError);
    expect(() => verifyFacebookSignature(raw, sign(raw).replace('sha256=', 'sha1='), SECRET)).toThrow(
      AuthError,
    );
    expect(() => verifyFacebookSignature(raw, `${sign(raw)}00`, SECRET)).toThrow(AuthError);
    expect(() => verifyFacebookSignature(raw, 'sha256=zz', SECRET)).toThrow(AuthError);
  });
});

describe('facebookHandshake', () => {
  const q = (mode?: string, token?: string, challenge?: string) => ({
    'hub.mode': mode,
    'hub.verify_token': token,
    'hub.challenge': challenge,
  });

  it('echoes the bare challenge when mode and token match', () => {
    expect(facebookHandshake(q('subscribe', 'verify-me', '1158201444'), 'verify-me')).toEqual({
      status: 200,
      body: '1158201444',
    });
  });

  it('answers 403 for a wrong token or mode and 400 for missing parameters', () => {
    expect(facebookHandshake(q('subscribe', 'nope', '1'), 'verify-me').status).toBe(403);
    expect(facebookHandshake(q('unsubscribe', 'verify-me', '1'), 'verify-me').status).toBe(403);
    expect(facebookHandshake(q('subscribe', 'verify-me'), 'verify-me').status).toBe(400);
    expect(facebookHandshake(q(undefined, 'verify-me', '1'), 'verify-me').status).toBe(400);
    expect(facebookHandshake({}, 'verify-me').status).toBe(400);
  });
});
