/**
 * Signed approval attestations in Jenkins: the Ed25519 key ring Jenkins keeps (encrypted, as the journal's key), the
 * signing of an approved gate's in-toto statement, its archiving with the build, and the page where anyone with
 * Overall/Read reads and downloads the public keys deploy targets verify with ({@code /critical-change-gate-attestation/}).
 * The statement and its verification are in the Jenkins-free {@code attestation} package.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.criticalchangegate.jenkins.attestation;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
