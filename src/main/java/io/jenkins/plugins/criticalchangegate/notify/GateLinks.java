package io.jenkins.plugins.criticalchangegate.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a gate is on the Jenkins controller: its build's page and its gate page. The Jenkins layer passes the URLs
 * Jenkins computes ({@code run.getAbsoluteUrl()}); the tool, which has no Jenkins, derives them from a root URL.
 */
public final class GateLinks {
    /** The gate page under a build ({@code GateAction.URL_NAME}). */
    public static final String GATE_PAGE = "critical-change-gate/";

    private final String buildUrl;
    private final String gateUrl;

    public GateLinks(String buildUrl, String gateUrl) {
        this.buildUrl = Objects.requireNonNull(buildUrl, "buildUrl");
        this.gateUrl = Objects.requireNonNull(gateUrl, "gateUrl");
    }

    /**
     * The links Jenkins gives a build of a job: {@code <root>job/<a>/job/<b>/<n>/} and its gate page.
     *
     * @param rootUrl Jenkins' root URL, e.g. {@code https://ci.example.com/}
     * @param job the job's full name ({@code folder/job})
     * @param build the build number
     */
    public static GateLinks fromRoot(String rootUrl, String job, long build) {
        return under(rootUrl.endsWith("/") ? rootUrl : rootUrl + "/", job, build);
    }

    /**
     * The same links relative to Jenkins' root URL ({@code job/a/job/b/7/}), for pages and {@code api/json} served by
     * the controller itself.
     */
    public static GateLinks relative(String job, long build) {
        return under("", job, build);
    }

    private static GateLinks under(String prefix, String job, long build) {
        StringBuilder url = new StringBuilder(prefix);
        for (String segment : job.split("/", -1)) {
            url.append("job/").append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                    .append('/');
        }
        url.append(build).append('/');
        return new GateLinks(url.toString(), url + GATE_PAGE);
    }

    public String buildUrl() {
        return buildUrl;
    }

    public String gateUrl() {
        return gateUrl;
    }
}
