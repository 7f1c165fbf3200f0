package hudson.scm;

import hudson.model.User;
import java.util.Iterator;

public abstract class ChangeLogSet<T extends ChangeLogSet.Entry> implements Iterable<T> {
    private ChangeLogSet() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Iterator<T> iterator() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract static class Entry {
        public Entry() {
            throw new UnsupportedOperationException("stub");
        }

        public abstract User getAuthor();

        public abstract String getMsg();

        public String getCommitId() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
