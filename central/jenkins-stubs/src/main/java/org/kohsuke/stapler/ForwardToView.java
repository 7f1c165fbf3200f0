package org.kohsuke.stapler;

public class ForwardToView extends RuntimeException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    private ForwardToView() {
        throw new UnsupportedOperationException("stub");
    }
}
