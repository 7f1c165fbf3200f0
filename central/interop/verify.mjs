// Verifies a DSSE envelope from `simulate --attest-out` (or the Jenkins step) with Sigstore's DSSE code and Node's
// Ed25519, and none of this project's code: the independent half of the interoperability check (run.sh).
//
// usage: node verify.mjs ENVELOPE PUBLIC_KEY_PEM [SUBJECT_SHA256]
// exit 0 when the envelope verifies, 1 (with the reason) otherwise.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { crypto, dsse } from '@sigstore/core';

const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const PREDICATE_TYPE = 'https://github.com/jenkinsci/critical-change-gate-plugin/approval/v1';
const PAYLOAD_TYPE = 'application/vnd.in-toto+json';

function fail(reason) {
  console.error(`independent verifier: REFUSED: ${reason}`);
  process.exit(1);
}

const [envelopeFile, keyFile, subjectSha256] = process.argv.slice(2);
if (!envelopeFile || !keyFile) {
  console.error('usage: node verify.mjs ENVELOPE PUBLIC_KEY_PEM [SUBJECT_SHA256]');
  process.exit(2);
}
const envelope = JSON.parse(readFileSync(envelopeFile, 'utf8').split('\n')[0]);
const key = crypto.createPublicKey(readFileSync(keyFile, 'utf8'));
if (key.asymmetricKeyType !== 'ed25519') fail(`the key is ${key.asymmetricKeyType}, not ed25519`);
// The key id rule of docs/attestation.md, computed here from the key alone.
const keyId = createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');

const payload = Buffer.from(envelope.payload, 'base64');
const pae = dsse.preAuthEncoding(envelope.payloadType, payload);
const verified = (envelope.signatures || []).some((s) => {
  if (s.keyid && s.keyid !== keyId) return false; // DSSE: a key id only narrows the keys tried
  return crypto.verify(pae, key, Buffer.from(s.sig, 'base64'));
});
if (!verified) fail(`no signature verifies with key ${keyId}`);
if (envelope.payloadType !== PAYLOAD_TYPE) fail(`payloadType ${envelope.payloadType}`);
const statement = JSON.parse(payload.toString('utf8')); // the verified bytes, never the envelope parsed again
if (statement._type !== STATEMENT_TYPE) fail(`_type ${statement._type}`);
if (statement.predicateType !== PREDICATE_TYPE) fail(`predicateType ${statement.predicateType}`);
if (subjectSha256 && !statement.subject.some((s) => s.digest && s.digest.sha256 === subjectSha256)) {
  fail(`no subject has sha256 ${subjectSha256}`);
}
const p = statement.predicate;
console.log(`independent verifier: OK: key ${keyId}; ${statement.subject.map((s) => s.name).join(', ')}`
  + ` approved for ${p.system} (change ${p.changeId}) at ${p.decidedAt} by`
  + ` ${p.approvals.map((a) => `${a.user} (${a.group})`).join(', ')}`);
