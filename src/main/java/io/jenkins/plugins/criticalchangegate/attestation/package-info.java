/**
 * Signed approval attestations (issue 15): an in-toto Statement v1 about what an approved gate lets through, in a DSSE
 * envelope signed with Ed25519, and its verification by a deploy target with the public key alone. Jenkins-free: the
 * Jenkins layer and the tool's {@code simulate} build the statement with {@link ApprovalAttestation#of}, sign it with
 * an {@link Attestor}, and {@code attest verify} checks it with an {@link EnvelopeVerifier} (docs/attestation.md).
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.attestation;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
