package hudson;

import java.net.http.HttpClient;

public final class ProxyConfiguration {
    private ProxyConfiguration() {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpClient.Builder newHttpClientBuilder() {
        throw new UnsupportedOperationException("stub");
    }
}
