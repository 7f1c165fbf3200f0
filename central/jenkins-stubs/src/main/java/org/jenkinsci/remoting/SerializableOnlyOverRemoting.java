package org.jenkinsci.remoting;

import java.io.Serializable;

/** Remoting's marker (remoting is not on Maven Central): what FilePath implements. */
public interface SerializableOnlyOverRemoting extends Serializable {
}
