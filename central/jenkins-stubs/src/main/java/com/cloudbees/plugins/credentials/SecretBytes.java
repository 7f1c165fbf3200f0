package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public class SecretBytes implements Serializable {
    private static final long serialVersionUID = 1L;

    private SecretBytes() {
        throw new UnsupportedOperationException("stub");
    }

    public static SecretBytes fromBytes(byte[] data) {
        throw new UnsupportedOperationException("stub");
    }

    public byte[] getPlainData() {
        throw new UnsupportedOperationException("stub");
    }
}
