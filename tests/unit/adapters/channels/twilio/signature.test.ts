import { describe, expect, it } from 'vitest';
import {
  isValidTwilioFormSignature, isValidTwilioJsonSignature, signedUrlVariants, twilioBodySha256, twilioJsonSignedUrl, twilioSignature,
  type FormParameter,
} from '../../../../../shared/adapters/channels/twilio/signature.js';

// SECURITY.md §1 test vectors (Twilio's SDK test suites and docs).
const vectorToken = '12345';
const vectorUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const vectorParams: FormParameter[] = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+14158675309'],
  ['Digits', '1234'],
  ['From', '+14158675309'],
  ['To', '+18005551212'],
];
const vectorSignature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
const vectorJsonBody = Buffer.from('{"property": "value", "boolean": true}');
const vectorBodySha256 = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';

describe('Twilio form signature', () => {
  it('computes the signature of the SECURITY.md test vector', () => {
    // Act
    const signature = twilioSignature(vectorToken, vectorUrl, vectorParams);
    // Assess
    expect(signature).toBe(vectorSignature);
  });

  it('sorts parameters by name, whatever order they arrive in', () => {
    const shuffled = [vectorParams[3]!, vectorParams[0]!, vectorParams[4]!, vectorParams[2]!, vectorParams[1]!];
    expect(twilioSignature(vectorToken, vectorUrl, shuffled)).toBe(vectorSignature);
  });

  it('accepts the test vector and refuses any change to token, URL, parameter or signature', () => {
    const check = (overrides: Partial<Parameters<typeof isValidTwilioFormSignature>[0]>) =>
      isValidTwilioFormSignature({ authToken: vectorToken, url: vectorUrl, params: vectorParams, signature: vectorSignature, ...overrides });
    expect(check({})).toBe(true);
    expect(check({ authToken: '12346' })).toBe(false);
    expect(check({ url: 'https://mycompany.com/myapp.php?foo=1&bar=3' })).toBe(false);
    expect(check({ params: [...vectorParams.slice(0, 4), ['To', '+18005551213']] })).toBe(false);
    expect(check({ params: [...vectorParams, ['Extra', '']] })).toBe(false);
    expect(check({ signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B9=' })).toBe(false);
    expect(check({ signature: '' })).toBe(false);
    expect(check({ signature: undefined })).toBe(false);
    expect(check({ authToken: '' })).toBe(false);
  });

  it('accepts a signature over the URL with or without the default port, as Twilio\'s helpers do', () => {
    // Prepare
    const withPort = twilioSignature(vectorToken, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', vectorParams);
    // Act + Assess
    expect(isValidTwilioFormSignature({ authToken: vectorToken, url: vectorUrl, params: vectorParams, signature: withPort })).toBe(true);
    expect(isValidTwilioFormSignature({ authToken: vectorToken, url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params: vectorParams, signature: vectorSignature })).toBe(true);
  });

  it('does not accept another port, scheme or host', () => {
    for (const url of ['https://mycompany.com:8443/myapp.php?foo=1&bar=2', 'http://mycompany.com/myapp.php?foo=1&bar=2', 'https://evil.com/myapp.php?foo=1&bar=2']) {
      const signature = twilioSignature(vectorToken, url, vectorParams);
      expect(isValidTwilioFormSignature({ authToken: vectorToken, url: vectorUrl, params: vectorParams, signature })).toBe(false);
    }
  });

  it('lists the URL variants Twilio may sign, toggling only the default port', () => {
    expect(signedUrlVariants('https://a.example/x?y=1')).toEqual(['https://a.example/x?y=1', 'https://a.example:443/x?y=1']);
    expect(signedUrlVariants('http://a.example:80/x')).toEqual(['http://a.example:80/x', 'http://a.example/x']);
    expect(signedUrlVariants('http://127.0.0.1:4000/webhooks/twilio/1')).toEqual(['http://127.0.0.1:4000/webhooks/twilio/1']);
    expect(signedUrlVariants('https://user:pw@a.example/x')).toEqual(['https://user:pw@a.example/x', 'https://user:pw@a.example:443/x']);
  });

  it('signs a repeated parameter name with its values in order', () => {
    const a = twilioSignature('t', 'https://a.example/', [['MediaUrl', 'b'], ['MediaUrl', 'a']]);
    const b = twilioSignature('t', 'https://a.example/', [['MediaUrl', 'a'], ['MediaUrl', 'b']]);
    expect(a).toBe(b);
  });
});

describe('Twilio JSON signature (bodySHA256)', () => {
  it('hashes the SECURITY.md test body to the published bodySHA256', () => {
    expect(twilioBodySha256(vectorJsonBody)).toBe(vectorBodySha256);
  });

  it('signs the URL with bodySHA256 appended, as twilio-node\'s validateRequestWithBody test does', () => {
    // Prepare
    const signedUrl = twilioJsonSignedUrl(vectorUrl, vectorJsonBody);
    // Assess
    expect(signedUrl).toBe(`${vectorUrl}&bodySHA256=${vectorBodySha256}`);
    expect(twilioSignature(vectorToken, signedUrl)).toBe('a9nBmqA0ju/hNViExpshrM61xv4=');
  });

  it('accepts the signed body and refuses a changed body, hash or signature', () => {
    const signature = twilioSignature(vectorToken, `${vectorUrl}&bodySHA256=${vectorBodySha256}`);
    const check = (overrides: Partial<Parameters<typeof isValidTwilioJsonSignature>[0]>) =>
      isValidTwilioJsonSignature({ authToken: vectorToken, url: vectorUrl, rawBody: vectorJsonBody, bodySha256: vectorBodySha256, signature, ...overrides });
    expect(check({})).toBe(true);
    expect(check({ rawBody: Buffer.from('{"property": "value", "boolean": false}') })).toBe(false);
    expect(check({ bodySha256: twilioBodySha256('{}') })).toBe(false);
    expect(check({ bodySha256: undefined })).toBe(false);
    expect(check({ signature: twilioSignature('other', `${vectorUrl}&bodySHA256=${vectorBodySha256}`) })).toBe(false);
  });

  it('appends bodySHA256 with ? when the URL has no query', () => {
    expect(twilioJsonSignedUrl('https://example.com/myapp', '{"CallSid":"CA1234567890ABCDE","Caller":"+12349013030"}'))
      .toBe('https://example.com/myapp?bodySHA256=5ccde7145dfb8f56479710896586cb9d5911809d83afbe34627818790db0aec9');
  });
});
