package io.jenkins.plugins.casc.model;

public interface CNode {
}
