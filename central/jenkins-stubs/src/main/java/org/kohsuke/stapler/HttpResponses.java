package org.kohsuke.stapler;

public class HttpResponses {
    public HttpResponses() {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpResponseException errorWithoutStack(int code, String errorMessage) {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpResponseException redirectViaContextPath(String relative) {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpRedirect redirectTo(String url) {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpResponse redirectToDot() {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpResponse text(String text) {
        throw new UnsupportedOperationException("stub");
    }

    public static ForwardToView forwardToView(Object it, String view) {
        throw new UnsupportedOperationException("stub");
    }

    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {
        private static final long serialVersionUID = 1L;

        public HttpResponseException() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
