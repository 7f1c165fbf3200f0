package org.kohsuke.stapler;

public final class HttpRedirect extends RuntimeException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    public HttpRedirect(String url) {
        throw new UnsupportedOperationException("stub");
    }
}
