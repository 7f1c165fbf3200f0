package io.jenkins.plugins.criticalchangegate.jenkins.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.criticalchangegate.documentation.Authorization;
import io.jenkins.plugins.criticalchangegate.documentation.CheckLimits;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationCheck;
import io.jenkins.plugins.criticalchangegate.documentation.DocumentationPolicy;
import io.jenkins.plugins.criticalchangegate.documentation.Evidence;
import io.jenkins.plugins.criticalchangegate.jenkins.facts.DocumentationVerdict;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the documentation check with Jenkins' HTTP client: {@code ProxyConfiguration.newHttpClientBuilder()} (the
 * proxy an administrator configured in Manage Jenkins), never following redirects itself (the check applies its
 * rules to every redirect target before following it) and with the configured connect timeout. Called off the CPS
 * VM thread only.
 */
final class DocumentationGateway {
    private DocumentationGateway() {
    }

    static DocumentationVerdict check(String url, String changeId, DocumentationPolicy policy,
            @CheckForNull String authorizationHeader, CheckLimits limits) throws AbortException {
        HttpClient client = ProxyConfiguration.newHttpClientBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .build();
        Authorization authorization;
        try {
            authorization = authorizationHeader == null ? null : Authorization.of(authorizationHeader);
        } catch (IllegalArgumentException e) {
            // the message names the problem, never the value (Authorization.of guarantees it)
            throw new AbortException("criticalChangeGate: parameter 'credentialsId': the credential cannot be sent"
                    + " as an Authorization header: " + e.getMessage());
        }
        Evidence evidence = new DocumentationCheck(client, limits).check(url, changeId, policy, authorization);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : evidence.toMap().entrySet()) {
            if (e.getValue() != null) {
                fields.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return new DocumentationVerdict(evidence.isVerified(), evidence.reason().name(), evidence.detail(), fields);
    }

    /** The evidence as the journal takes it: the check's own map, nulls left out. */
    static Map<String, Object> journalFields(DocumentationVerdict verdict) {
        return new LinkedHashMap<>(verdict.evidence());
    }
}
