// Makes an approval attestation with Sigstore's DSSE code and Node's Ed25519, and none of this project's code: the
// other half of the interoperability check (run.sh): `attest verify` must accept what it writes.
//
// usage: node sign.mjs OUTDIR
// writes OUTDIR/interop.txt (the subject), OUTDIR/independent.pub (SubjectPublicKeyInfo PEM) and
// OUTDIR/independent.intoto.jsonl (the envelope, one line).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { dsse } from '@sigstore/core';

const out = process.argv[2];
if (!out) {
  console.error('usage: node sign.mjs OUTDIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const subject = Buffer.from('an artifact signed by an independent implementation\n', 'utf8');
writeFileSync(join(out, 'interop.txt'), subject);

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
writeFileSync(join(out, 'independent.pub'), publicKey.export({ type: 'spki', format: 'pem' }));

const decidedAt = new Date().toISOString();
const statement = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'interop.txt', digest: { sha256: createHash('sha256').update(subject).digest('hex') } }],
  predicateType: 'https://github.com/jenkinsci/critical-change-gate-plugin/approval/v1',
  predicate: {
    system: 'checkout-service',
    changeId: 'CHG-INTEROP',
    outcome: 'APPROVED',
    requestedAt: decidedAt,
    decidedAt,
    startedBy: 'carol',
    requirement: { text: '2 approval(s)', approvalsNeeded: 2, rules: [], requireDistinctGroups: true,
      excludeCommitAuthors: true, aiAssisted: false, overlays: [] },
    approvals: [
      { user: 'erin', group: 'checkout-leads', at: decidedAt, comment: null },
      { user: 'frank', group: 'sre-oncall', at: decidedAt, comment: 'signed by sign.mjs' },
    ],
    refused: [],
    uncountedRefusals: 0,
    documentation: null,
    registryVersion: null,
    buildUrl: null,
    journal: null,
  },
};
// Node's own JSON (spacing and order as JSON.stringify writes them): the verifier must check these bytes as sent.
const payload = Buffer.from(JSON.stringify(statement, null, 1), 'utf8');
const payloadType = 'application/vnd.in-toto+json';
const sig = sign(null, dsse.preAuthEncoding(payloadType, payload), privateKey);
// URL-safe base64 for the payload, standard for the signature: DSSE verifiers must accept either.
const envelope = {
  payload: payload.toString('base64url'),
  payloadType,
  signatures: [{ keyid: keyId, sig: sig.toString('base64') }],
};
writeFileSync(join(out, 'independent.intoto.jsonl'), JSON.stringify(envelope) + '\n');
console.log(`independent signer: wrote ${join(out, 'independent.intoto.jsonl')} with key ${keyId}`);
