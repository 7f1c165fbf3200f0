package hudson.security;

public final class PermissionScope {
    // initialised through a helper, not to null: SpotBugs would otherwise report every use as passing null
    public static final PermissionScope JENKINS = stub();

    private PermissionScope() {
        throw new UnsupportedOperationException("stub");
    }

    private static <T> T stub() {
        throw new UnsupportedOperationException("stub");
    }
}
