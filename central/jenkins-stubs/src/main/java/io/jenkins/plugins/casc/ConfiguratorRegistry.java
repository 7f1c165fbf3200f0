package io.jenkins.plugins.casc;

public interface ConfiguratorRegistry {
    static ConfiguratorRegistry get() {
        throw new UnsupportedOperationException("stub");
    }
}
