package hudson.model;

public class User {
    private User() {
        throw new UnsupportedOperationException("stub");
    }

    public String getId() {
        throw new UnsupportedOperationException("stub");
    }

    public static User getById(String id, boolean create) {
        throw new UnsupportedOperationException("stub");
    }
}
