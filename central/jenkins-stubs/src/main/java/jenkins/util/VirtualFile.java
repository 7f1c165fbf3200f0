package jenkins.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

public abstract class VirtualFile implements Comparable<VirtualFile>, Serializable {
    public abstract String getName();

    public abstract boolean exists() throws IOException;

    public abstract VirtualFile child(String name);

    public abstract InputStream open() throws IOException;
}
