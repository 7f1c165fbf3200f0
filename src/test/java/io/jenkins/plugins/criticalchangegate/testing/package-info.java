/**
 * Test helpers shared by several areas' tests: a real HTTP(S) server on loopback and a self-signed certificate for it.
 */
package io.jenkins.plugins.criticalchangegate.testing;
